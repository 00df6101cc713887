package io.refundledger.query.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Refund events as the command side writes them, with defaults where a test does not care. */
final class RefundEvents {

    static final String AGGREGATE_TYPE = "RefundApplication";
    static final Instant PURCHASED_AT = Instant.parse("2026-11-01T08:30:00Z");

    /** Unique across every test in the JVM: the application number has a unique index. */
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private RefundEvents() {
    }

    static String newApplicationId() {
        return UUID.randomUUID().toString();
    }

    static String newApplicationNumber() {
        return String.format("RF-20261123-%06d", NUMBERS.incrementAndGet());
    }

    static RefundApplicationSubmitted submitted(String applicationId, String applicationNumber, String customerId,
                                                String orderId, Instant submittedAt) {
        return new RefundApplicationSubmitted(applicationId, applicationNumber, customerId, orderId,
                RefundType.REFUND_ONLY, Money.of("1299.00", "CNY"), Money.of("1200", "CNY"),
                RefundReasonCategory.PRODUCT_QUALITY, "屏幕有坏点 (dead pixels)", PayoutMethod.ORIGINAL_PAYMENT,
                PURCHASED_AT, submittedAt, null, ProductUsage.NOT_STATED, null, null, null);
    }

    static RefundApplicationApproved approved(String applicationId, String amount, Instant approvedAt) {
        return new RefundApplicationApproved(applicationId, Money.of(amount, "CNY"), "Photos confirm the defect", approvedAt, null, null);
    }

    static RefundApplicationRejected rejected(String applicationId, Instant rejectedAt) {
        return new RefundApplicationRejected(applicationId, "Outside the 7-day return window", rejectedAt);
    }
}
