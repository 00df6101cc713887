package io.refundledger.events.refund;

/** 客户通知 channels. */
public enum NotificationChannel {
    EMAIL,
    SMS,
    PHONE,
    IN_APP
}
