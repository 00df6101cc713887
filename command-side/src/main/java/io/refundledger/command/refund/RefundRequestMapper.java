package io.refundledger.command.refund;

import io.refundledger.command.web.RequestValues;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
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
                RequestValues.instant(blankAsAbsent(body.purchasedAt()), "purchasedAt", "PURCHASED_AT_INVALID"),
                RequestValues.instant(blankAsAbsent(body.deliveredAt()), "deliveredAt", "DELIVERED_AT_INVALID"),
                RequestValues.enumValue(ProductUsage.class, body.usage(), "usage", "UNKNOWN_USAGE"),
                RequestValues.instant(blankAsAbsent(body.servicePeriodStart()), "servicePeriodStart",
                        "SERVICE_PERIOD_START_INVALID"),
                RequestValues.instant(blankAsAbsent(body.servicePeriodEnd()), "servicePeriodEnd",
                        "SERVICE_PERIOD_END_INVALID"),
                RequestValues.money(body.discountReceived(), "discountReceived"),
                blankAsAbsent(trimmed(body.productId())),
                blankAsAbsent(trimmed(body.customerSegment())));
    }

    /** A missing body approves the requested amount without a note. */
    public static ApproveRefundApplication toCommand(String applicationId, ApproveRefundRequest body) {
        if (body == null) {
            return new ApproveRefundApplication(applicationId, null, null);
        }
        return new ApproveRefundApplication(applicationId,
                RequestValues.money(body.approvedAmount(), "approvedAmount"), body.note(), body.exceptionJustification());
    }

    /** A missing body resubmits without an amendment note, which the aggregate refuses with field {@code amendmentNote}. */
    public static ResubmitRefundApplication toCommand(String applicationId, ResubmitRefundRequest body) {
        if (body == null) {
            return new ResubmitRefundApplication(applicationId, null, null, null, null);
        }
        return new ResubmitRefundApplication(applicationId,
                RequestValues.money(body.requestedAmount(), "requestedAmount"),
                RequestValues.enumValue(RefundReasonCategory.class, blankAsAbsent(body.reasonCategory()),
                        "reasonCategory", "UNKNOWN_REASON_CATEGORY"),
                body.reasonText(), body.amendmentNote());
    }

    public static AssignRefundApplication toCommand(String applicationId, AssignRefundRequest body) {
        return new AssignRefundApplication(applicationId, body == null ? null : body.reviewerId());
    }

    public static RequestMoreInformation toCommand(String applicationId, InformationRequestRequest body) {
        return new RequestMoreInformation(applicationId, body == null ? null : body.question());
    }

    public static ProvideMoreInformation toCommand(String applicationId, InformationAnswerRequest body) {
        return body == null ? new ProvideMoreInformation(applicationId, null, null)
                : new ProvideMoreInformation(applicationId, body.answer(), body.attachmentReferences());
    }

    public static GiveSecondApproval toCommand(String applicationId, SecondApprovalRequest body) {
        return new GiveSecondApproval(applicationId, body == null ? null : body.note());
    }

    public static WithdrawRefundApplication toCommand(String applicationId, WithdrawRefundRequest body) {
        return new WithdrawRefundApplication(applicationId, body == null ? null : body.reason());
    }

    public static RecordReturnShipment toReturnShipment(String applicationId, ShipmentRequest body) {
        return body == null ? new RecordReturnShipment(applicationId, null, null)
                : new RecordReturnShipment(applicationId, body.carrier(), body.trackingNumber());
    }

    public static RecordReplacementShipment toReplacementShipment(String applicationId, ShipmentRequest body) {
        return body == null ? new RecordReplacementShipment(applicationId, null, null)
                : new RecordReplacementShipment(applicationId, body.carrier(), body.trackingNumber());
    }

    public static InspectReturn toCommand(String applicationId, InspectionRequest body) {
        if (body == null) {
            return new InspectReturn(applicationId, null, null, null);
        }
        return new InspectReturn(applicationId,
                RequestValues.enumValue(InspectionOutcome.class, blankAsAbsent(body.outcome()), "outcome",
                        "UNKNOWN_INSPECTION_OUTCOME"),
                body.notes(), RequestValues.money(body.adjustedAmount(), "adjustedAmount"));
    }

    public static StartPayout toCommand(String applicationId, String payoutId, StartPayoutRequest body) {
        return new StartPayout(applicationId, payoutId, body == null ? null
                : RequestValues.enumValue(PayoutMethod.class, blankAsAbsent(body.method()), "method", "UNKNOWN_PAYOUT_METHOD"));
    }

    public static RecordPayoutSuccess toCommand(String applicationId, String payoutId, PayoutSuccessRequest body) {
        return new RecordPayoutSuccess(applicationId, payoutId, body == null ? null : body.externalReference());
    }

    public static RecordPayoutFailure toCommand(String applicationId, String payoutId, PayoutFailureRequest body) {
        return new RecordPayoutFailure(applicationId, payoutId, body == null ? null : body.reason());
    }

    /** The rating must be a whole number; its range is the aggregate's to judge. */
    public static RateRefundApplication toCommand(String applicationId, RatingRequest body) {
        if (body == null) {
            return new RateRefundApplication(applicationId, null, null);
        }
        Integer rating = null;
        if (body.rating() != null && !body.rating().isBlank()) {
            try {
                rating = Integer.valueOf(body.rating().strip());
            } catch (NumberFormatException e) {
                throw DomainException.invalid("RATING_OUT_OF_RANGE", "rating", "rating must be a whole number from 1 to 5");
            }
        }
        return new RateRefundApplication(applicationId, rating, body.comment());
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
