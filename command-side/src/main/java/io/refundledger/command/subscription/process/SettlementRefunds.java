package io.refundledger.command.subscription.process;

import io.refundledger.command.refund.SubmitRefundApplication;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.subscription.CancellationReason;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The refund application that pays out a cancellation's net refund. Pure.
 *
 * <ul>
 *   <li>Its id is derived from the cancellation id (a name-based UUID), so however often the step is retried there
 *       is one application per cancellation.</li>
 *   <li>Order {@code subscription:<id>}, paid = the prepaid amount of the settled term, requested = the net refund,
 *       REFUND_ONLY to the original payment, purchased at the term's first day (start of day, business zone); the
 *       customer's segment and the product come from the subscription, and {@code subscriptionId} links it back, which
 *       makes the refund policy judge it as settled by contract.</li>
 *   <li>Reason categories ({@link #reasonCategory}): no longer needed and switched provider → BUSINESS_CHANGE,
 *       system performance → TECHNICAL_PROBLEMS, price → PRICE_CHANGE, contract terms and other → OTHER.</li>
 * </ul>
 */
public final class SettlementRefunds {

    static final int MAX_REASON_TEXT = 500;

    private SettlementRefunds() {
    }

    public static String applicationIdFor(String cancellationId) {
        return UUID.nameUUIDFromBytes(("subscription-settlement-refund:" + cancellationId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public static String orderIdFor(String subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    public static RefundReasonCategory reasonCategory(CancellationReason reason) {
        if (reason == null) {
            return RefundReasonCategory.OTHER;
        }
        return switch (reason) {
            case NO_LONGER_NEEDED, SWITCHED_PROVIDER -> RefundReasonCategory.BUSINESS_CHANGE;
            case SYSTEM_PERFORMANCE -> RefundReasonCategory.TECHNICAL_PROBLEMS;
            case PRICE -> RefundReasonCategory.PRICE_CHANGE;
            case CONTRACT_TERMS, OTHER -> RefundReasonCategory.OTHER;
        };
    }

    /**
     * @param now the purchase time may not lie in the future for the refund's rules; a term that has not begun yet
     *            (cancelled before its start) counts as bought now
     */
    public static SubmitRefundApplication submission(CancellationProcess process, String applicationNumber,
                                                     ZoneId businessZone, Instant now) {
        Instant termStart = process.termStart().atStartOfDay(businessZone).toInstant();
        return new SubmitRefundApplication(
                applicationIdFor(process.cancellationId()),
                applicationNumber,
                process.customerId(),
                orderIdFor(process.subscriptionId()),
                RefundType.REFUND_ONLY,
                process.prepaidAmount(),
                process.netRefund(),
                reasonCategory(process.reason()),
                reasonText(process),
                PayoutMethod.ORIGINAL_PAYMENT,
                termStart.isAfter(now) ? now : termStart,
                null, null, null, null, null,
                process.productId(),
                process.customerSegment(),
                process.subscriptionId());
    }

    private static String reasonText(CancellationProcess process) {
        String text = "退订 " + process.subscriptionId() + " (cancellation " + process.cancellationId() + ", "
                + process.reason() + "): net refund of the contract settlement";
        if (process.reasonText() != null && !process.reasonText().isBlank()) {
            text += " — " + process.reasonText().strip();
        }
        return text.codePointCount(0, text.length()) <= MAX_REASON_TEXT ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_REASON_TEXT - 1)) + "…";
    }
}
