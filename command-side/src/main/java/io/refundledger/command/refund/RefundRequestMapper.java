package io.refundledger.command.refund;

import io.refundledger.command.web.RequestValues;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;

/**
 * Turns request bodies into typed requests and commands. It only reads: a value that cannot be read
 * (unparsable amount, unknown currency or code, bad timestamp) is a 400 naming its field; whether the
 * values are acceptable is for {@link RefundSubmissionRules} and the aggregate to decide. Absent values stay
 * {@code null} and are reported there, so a command sent by anything else gets the same answer.
 */
public final class RefundRequestMapper {

    private RefundRequestMapper() {
    }

    public static RequestedRefund toRequestedRefund(SubmitRefundRequest body) {
        return new RequestedRefund(
                trimmed(body.customerId()),
                trimmed(body.orderId()),
                // Optional, so only a missing type means the default; "" is a value, and not a known one.
                RequestValues.enumValue(RefundType.class, body.type(), "type", "UNKNOWN_REFUND_TYPE"),
                RequestValues.money(body.paidAmount(), "paidAmount"),
                RequestValues.money(body.requestedAmount(), "requestedAmount"),
                RequestValues.enumValue(RefundReasonCategory.class, blankAsAbsent(body.reasonCategory()),
                        "reasonCategory", "UNKNOWN_REASON_CATEGORY"),
                blankAsAbsent(trimmed(body.reasonText())),
                RequestValues.enumValue(PayoutMethod.class, blankAsAbsent(body.payoutMethod()),
                        "payoutMethod", "UNKNOWN_PAYOUT_METHOD"),
                RequestValues.instant(blankAsAbsent(body.purchasedAt()), "purchasedAt", "PURCHASED_AT_INVALID"));
    }

    /** A missing body approves the requested amount without a note. */
    public static ApproveRefundApplication toCommand(String applicationId, ApproveRefundRequest body) {
        if (body == null) {
            return new ApproveRefundApplication(applicationId, null, null);
        }
        return new ApproveRefundApplication(applicationId,
                RequestValues.money(body.approvedAmount(), "approvedAmount"), body.note());
    }

    /** A missing body is a rejection without a reason, which the aggregate refuses with field {@code reason}. */
    public static RejectRefundApplication toCommand(String applicationId, RejectRefundRequest body) {
        return new RejectRefundApplication(applicationId, body == null ? null : body.reason());
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankAsAbsent(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
