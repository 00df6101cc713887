package io.refundledger.command.subscription;

import io.refundledger.command.web.MaxLength;
import io.refundledger.command.web.MoneyJson;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/subscriptions}, exactly as sent. Scalars are text so that
 * {@link SubscriptionRequestMapper} can name the field of any value it cannot read.
 *
 * @param subscriptionId optional; the CRM's contract id, so a retry cannot start two (a new id when absent)
 * @param termEnd        the day after the term's last day (exclusive), e.g. 2027-01-01 for the year 2026
 * @param termDiscount   optional; the discount granted on condition the full term is served
 * @param autoRenewal    optional; {@code false} when absent
 * @param contact        optional; the contact person, stored encrypted
 */
public record StartSubscriptionRequest(
        @Schema(example = "S-20260101-0042") String subscriptionId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "C-1001") String customerId,
        @Schema(example = "SMB") String customerSegment,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "CRM-MOBILE-PRO") String planCode,
        @Schema(example = "P-CRM-MOBILE") String productId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "10") String seats,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date", example = "2026-01-01") String termStart,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date", example = "2027-01-01") String termEnd,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MoneyJson prepaidAmount,
        MoneyJson termDiscount,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ContractTermsJson terms,
        @Schema(example = "true", defaultValue = "false") String autoRenewal,
        ContactJson contact) {

    /**
     * The contract terms.
     *
     * @param penalty optional; no penalty when absent
     */
    public record ContractTermsJson(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "12") String minimumTermMonths,
            PenaltyJson penalty,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "30") String noticePeriodDays,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "90") String dataRetentionDays) {
    }

    /**
     * The early-termination penalty (违约金).
     *
     * @param kind        NONE, PERCENT_OF_REMAINING or FIXED_AMOUNT
     * @param percent     for PERCENT_OF_REMAINING, e.g. "20" for 20 %
     * @param fixedAmount for FIXED_AMOUNT
     * @param cap         optional; the most the penalty can be
     */
    public record PenaltyJson(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "PERCENT_OF_REMAINING") String kind,
            @Schema(example = "20") String percent,
            MoneyJson fixedAmount,
            MoneyJson cap) {
    }

    public record ContactJson(@MaxLength(SubscriptionRules.MAX_CONTACT_NAME_LENGTH) String name,
                              @MaxLength(SubscriptionRules.MAX_CONTACT_EMAIL_LENGTH) String email,
                              @MaxLength(SubscriptionRules.MAX_CONTACT_PHONE_LENGTH) String phone) {
    }
}
