package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;
import io.refundledger.command.web.MoneyJson;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/refunds}, exactly as sent. Everything is text so that
 * {@link RefundRequestMapper} can name the field of any value it cannot read; the schema annotations only tell
 * API readers which values are accepted.
 *
 * @param type               optional; {@code REFUND_ONLY} when absent
 * @param deliveredAt        optional; when the goods arrived
 * @param usage              optional; NOT_USED, USED or NOT_STATED (the default)
 * @param servicePeriodStart optional; start of a prepaid service period (with its end)
 * @param servicePeriodEnd   optional; end (exclusive) of that period
 * @param discountReceived   optional; discounts received with the purchase
 * @param productId          optional; the product refunded (for analytics)
 * @param customerSegment    optional; the customer's segment (for analytics)
 */
public record SubmitRefundRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "C-1001") String customerId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "SO-20261101-7") String orderId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MoneyJson paidAmount,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MoneyJson requestedAmount,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = RefundReasonCategory.class) String reasonCategory,
        @Schema(example = "屏幕有坏点") @MaxLength(RefundSubmissionRules.MAX_REASON_TEXT_LENGTH) String reasonText,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = PayoutMethod.class) String payoutMethod,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time", example = "2026-11-01T10:00:00+08:00")
        String purchasedAt,
        @Schema(implementation = RefundType.class, defaultValue = "REFUND_ONLY") String type,
        @Schema(format = "date-time", example = "2026-11-03T15:00:00+08:00") String deliveredAt,
        @Schema(implementation = ProductUsage.class, defaultValue = "NOT_STATED") String usage,
        @Schema(format = "date-time", example = "2026-11-01T00:00:00+08:00") String servicePeriodStart,
        @Schema(format = "date-time", example = "2027-11-01T00:00:00+08:00") String servicePeriodEnd,
        MoneyJson discountReceived,
        @Schema(example = "CRM-MOBILE-PRO") String productId,
        @Schema(example = "SMB") String customerSegment) {

    /** A request without the policy facts. */
    public SubmitRefundRequest(String customerId, String orderId, MoneyJson paidAmount, MoneyJson requestedAmount,
                               String reasonCategory, String reasonText, String payoutMethod, String purchasedAt,
                               String type) {
        this(customerId, orderId, paidAmount, requestedAmount, reasonCategory, reasonText, payoutMethod, purchasedAt, type,
                null, null, null, null, null, null, null);
    }
}
