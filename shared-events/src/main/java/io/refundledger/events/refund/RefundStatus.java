package io.refundledger.events.refund;

/**
 * 待审核 / 审核通过 / 退款处理中 / 已退款 / 已拒绝 … as shown to customers and staff.
 * Stored by name: constants may be added, never renamed or removed.
 */
public enum RefundStatus {
    SUBMITTED,
    AWAITING_INFORMATION,
    AWAITING_SECOND_APPROVAL,
    APPROVED,
    AWAITING_RETURN,
    RETURN_IN_TRANSIT,
    RETURN_RECEIVED,
    PAYOUT_IN_PROGRESS,
    PAYOUT_FAILED,
    PAID,
    EXCHANGED,
    REJECTED,
    WITHDRAWN
}
