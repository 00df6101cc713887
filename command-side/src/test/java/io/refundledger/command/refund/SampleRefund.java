package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;

import java.time.Instant;

/** A well-formed refund application that each test bends in exactly the way it is about. */
final class SampleRefund {

    String customerId = "C-1001";
    String orderId = "SO-20261101-7";
    RefundType type = null;
    Money paidAmount = Money.of("1200.00", "CNY");
    Money requestedAmount = Money.of("1200.00", "CNY");
    RefundReasonCategory reasonCategory = RefundReasonCategory.PRODUCT_QUALITY;
    String reasonText = "屏幕有坏点";
    PayoutMethod payoutMethod = PayoutMethod.ORIGINAL_PAYMENT;
    Instant purchasedAt = Instant.parse("2026-11-01T02:00:00Z");
    Instant deliveredAt = null;
    ProductUsage usage = null;
    Instant servicePeriodStart = null;
    Instant servicePeriodEnd = null;
    Money discountReceived = null;

    static SampleRefund aRefund() {
        return new SampleRefund();
    }

    SampleRefund paid(String amount, String currency) {
        paidAmount = Money.of(amount, currency);
        return this;
    }

    SampleRefund requesting(String amount, String currency) {
        requestedAmount = Money.of(amount, currency);
        return this;
    }

    RequestedRefund asRequested() {
        return new RequestedRefund(customerId, orderId, type, paidAmount, requestedAmount, reasonCategory, reasonText,
                payoutMethod, purchasedAt, deliveredAt, usage, servicePeriodStart, servicePeriodEnd, discountReceived,
                null, null);
    }

    SubmitRefundApplication asCommand(String applicationId, String applicationNumber) {
        return new SubmitRefundApplication(applicationId, applicationNumber, customerId, orderId, type, paidAmount,
                requestedAmount, reasonCategory, reasonText, payoutMethod, purchasedAt, deliveredAt, usage,
                servicePeriodStart, servicePeriodEnd, discountReceived, null, null, null);
    }

    SubmitRefundApplication asCommand(String applicationId, ApplicationNumber applicationNumber) {
        return asCommand(applicationId, applicationNumber.value());
    }
}
