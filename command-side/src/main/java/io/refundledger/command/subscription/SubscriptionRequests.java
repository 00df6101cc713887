package io.refundledger.command.subscription;

import io.refundledger.command.web.MaxLength;
import io.refundledger.command.web.MoneyJson;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the subscription steps after the start, exactly as sent (scalars as text, see the mapper). */
public final class SubscriptionRequests {

    private SubscriptionRequests() {
    }

    /** {@code POST /api/subscriptions/{id}/renewal}: the new term runs from the current term's end. */
    public record RenewalRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date", example = "2028-01-01") String termEnd,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MoneyJson prepaidAmount,
            MoneyJson termDiscount) {
    }

    /** {@code POST /api/subscriptions/{id}/auto-renewal}. */
    public record AutoRenewalRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "false") String on) {
    }

    /** {@code POST /api/subscriptions/{id}/seats}. */
    public record SeatsRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "12") String seats) {
    }

    /**
     * {@code POST /api/subscriptions/{id}/cancellation}.
     *
     * @param cancellationId optional; the caller's id, so that a retry is answered with the same settlement
     */
    public record CancellationRequest(
            String cancellationId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = CancellationReason.class) String reason,
            @Schema(example = "换了别家CRM") @MaxLength(SubscriptionRules.MAX_TEXT_LENGTH) String reasonText,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = CancellationEffect.class) String effect) {
    }

    /** {@code POST /api/subscriptions/{id}/cancellation/revocation}; the body is optional. */
    public record RevocationRequest(@MaxLength(SubscriptionRules.MAX_TEXT_LENGTH) String reasonText) {
    }

    /** {@code POST /api/subscriptions/{id}/data-export}; the body is optional (format JSON by default). */
    public record DataExportRequest(@Schema(example = "JSON", defaultValue = "JSON") @MaxLength(SubscriptionRules.MAX_FORMAT_LENGTH) String format) {
    }

    /** {@code POST /api/subscriptions/{id}/data-export/{exportId}/completion}. */
    public record DataExportCompletionRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "s3://exports/S-1001/E-1.zip")
            @MaxLength(SubscriptionRules.MAX_REFERENCE_LENGTH) String exportReference,
            @Schema(description = "SHA-256 of the export, hex") String checksum) {
    }
}
