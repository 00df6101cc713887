package io.refundledger.command.sla;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;

import java.time.Instant;
import java.util.List;

/** Refund events as the aggregate records them, with defaults where the SLA tests do not care. */
final class SlaEvents {

    private SlaEvents() {
    }

    static RefundApplicationSubmitted submitted(String applicationId, RefundType type) {
        return new RefundApplicationSubmitted(applicationId, "RF-20261123-000001", "C-1001", "SO-1", type,
                Money.of("1299.00", "CNY"), Money.of("1200", "CNY"), RefundReasonCategory.PRODUCT_QUALITY, "屏幕有坏点",
                PayoutMethod.ORIGINAL_PAYMENT, Instant.parse("2026-11-01T08:30:00Z"), Instant.parse("2026-11-23T02:00:00Z"),
                null, ProductUsage.NOT_STATED, null, null, null, null, null, null);
    }

    static RefundPolicyEvaluated evaluated(String applicationId, Instant evaluatedAt, Instant reviewDueBy) {
        return new RefundPolicyEvaluated(applicationId, "2026.11-1", true,
                List.of(new PolicyRuleResult("WITHIN_WINDOW", true, "22 days after purchase")), Money.of("1200", "CNY"),
                List.of(), false, reviewDueBy, evaluatedAt);
    }
}
