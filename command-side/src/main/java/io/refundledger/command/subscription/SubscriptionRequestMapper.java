package io.refundledger.command.subscription;

import io.refundledger.command.subscription.StartSubscriptionRequest.ContactJson;
import io.refundledger.command.subscription.StartSubscriptionRequest.ContractTermsJson;
import io.refundledger.command.subscription.StartSubscriptionRequest.PenaltyJson;
import io.refundledger.command.subscription.SubscriptionRequests.AutoRenewalRequest;
import io.refundledger.command.subscription.SubscriptionRequests.CancellationRequest;
import io.refundledger.command.subscription.SubscriptionRequests.DataExportCompletionRequest;
import io.refundledger.command.subscription.SubscriptionRequests.DataExportRequest;
import io.refundledger.command.subscription.SubscriptionRequests.RenewalRequest;
import io.refundledger.command.subscription.SubscriptionRequests.RevocationRequest;
import io.refundledger.command.subscription.SubscriptionRequests.SeatsRequest;
import io.refundledger.command.web.RequestValues;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.infrastructure.errors.DomainException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Turns subscription request bodies into commands. It only reads: a value that cannot be read (a date that is no
 * ISO date, a count that is no whole number, an unknown code) is a 400 naming its field; whether the values are
 * acceptable is for {@link SubscriptionRules} and the aggregate. Values a command holds as primitives (seats, the
 * contract's day counts, the auto-renewal switch) are required here, since the command cannot tell "absent".
 */
public final class SubscriptionRequestMapper {

    private SubscriptionRequestMapper() {
    }

    /** @param generatedId the id to use when the body names none */
    public static StartSubscription toCommand(StartSubscriptionRequest body, String generatedId) {
        if (body == null) {
            throw DomainException.invalid("BODY_REQUIRED", null, "A subscription to start is required");
        }
        String subscriptionId = blankAsAbsent(body.subscriptionId()) == null ? generatedId : body.subscriptionId().strip();
        return new StartSubscription(
                subscriptionId,
                trimmed(body.customerId()),
                trimmed(body.customerSegment()),
                trimmed(body.planCode()),
                trimmed(body.productId()),
                requiredWholeNumber(body.seats(), "seats", "SEATS"),
                date(body.termStart(), "termStart", "TERM_START_INVALID"),
                date(body.termEnd(), "termEnd", "TERM_END_INVALID"),
                RequestValues.money(body.prepaidAmount(), "prepaidAmount"),
                RequestValues.money(body.termDiscount(), "termDiscount"),
                terms(body.terms()),
                body.autoRenewal() != null && bool(body.autoRenewal(), "autoRenewal", "AUTO_RENEWAL"),
                contact(body.contact()));
    }

    public static RenewSubscription toCommand(String subscriptionId, RenewalRequest body) {
        if (body == null) {
            return new RenewSubscription(subscriptionId, null, null, null);
        }
        return new RenewSubscription(subscriptionId, date(body.termEnd(), "termEnd", "TERM_END_INVALID"),
                RequestValues.money(body.prepaidAmount(), "prepaidAmount"),
                RequestValues.money(body.termDiscount(), "termDiscount"));
    }

    public static SwitchAutoRenewal toCommand(String subscriptionId, AutoRenewalRequest body) {
        if (body == null || body.on() == null) {
            throw DomainException.invalid("ON_REQUIRED", "on", "on is required (true or false)");
        }
        return new SwitchAutoRenewal(subscriptionId, bool(body.on(), "on", "ON"));
    }

    public static ChangeSubscriptionSeats toCommand(String subscriptionId, SeatsRequest body) {
        return new ChangeSubscriptionSeats(subscriptionId, requiredWholeNumber(body == null ? null : body.seats(),
                "seats", "SEATS"));
    }

    /** @param generatedId the cancellation id to use when the body names none */
    public static RequestSubscriptionCancellation toCommand(String subscriptionId, CancellationRequest body,
                                                            String generatedId) {
        if (body == null) {
            return new RequestSubscriptionCancellation(subscriptionId, generatedId, null, null, null);
        }
        return new RequestSubscriptionCancellation(subscriptionId,
                blankAsAbsent(body.cancellationId()) == null ? generatedId : body.cancellationId().strip(),
                RequestValues.enumValue(CancellationReason.class, blankAsAbsent(body.reason()), "reason",
                        "UNKNOWN_CANCELLATION_REASON"),
                body.reasonText(),
                RequestValues.enumValue(CancellationEffect.class, blankAsAbsent(body.effect()), "effect",
                        "UNKNOWN_CANCELLATION_EFFECT"));
    }

    public static RevokeSubscriptionCancellation toCommand(String subscriptionId, RevocationRequest body) {
        return new RevokeSubscriptionCancellation(subscriptionId, body == null ? null : body.reasonText());
    }

    public static RequestSubscriptionDataExport toCommand(String subscriptionId, String exportId, DataExportRequest body) {
        return new RequestSubscriptionDataExport(subscriptionId, exportId, body == null ? null : body.format());
    }

    public static CompleteSubscriptionDataExport toCommand(String subscriptionId, String exportId,
                                                           DataExportCompletionRequest body) {
        return body == null ? new CompleteSubscriptionDataExport(subscriptionId, exportId, null, null)
                : new CompleteSubscriptionDataExport(subscriptionId, exportId, body.exportReference(), body.checksum());
    }

    private static ContractTerms terms(ContractTermsJson terms) {
        if (terms == null) {
            return null;
        }
        return new ContractTerms(
                requiredWholeNumber(terms.minimumTermMonths(), "terms.minimumTermMonths", "MINIMUM_TERM"),
                penalty(terms.penalty()),
                requiredWholeNumber(terms.noticePeriodDays(), "terms.noticePeriodDays", "NOTICE_PERIOD"),
                requiredWholeNumber(terms.dataRetentionDays(), "terms.dataRetentionDays", "DATA_RETENTION"));
    }

    private static EarlyTerminationPenalty penalty(PenaltyJson penalty) {
        if (penalty == null) {
            return null;
        }
        BigDecimal percent = null;
        if (blankAsAbsent(penalty.percent()) != null) {
            try {
                percent = new BigDecimal(penalty.percent().strip());
            } catch (NumberFormatException e) {
                throw DomainException.invalid("PENALTY_PERCENT_INVALID", "terms.penalty.percent",
                        "terms.penalty.percent must be a decimal number such as \"20\"");
            }
        }
        return new EarlyTerminationPenalty(
                RequestValues.enumValue(PenaltyKind.class, blankAsAbsent(penalty.kind()), "terms.penalty.kind",
                        "UNKNOWN_PENALTY_KIND"),
                percent,
                RequestValues.money(penalty.fixedAmount(), "terms.penalty.fixedAmount"),
                RequestValues.money(penalty.cap(), "terms.penalty.cap"));
    }

    private static SubscriptionContact contact(ContactJson contact) {
        return contact == null ? null : new SubscriptionContact(contact.name(), contact.email(), contact.phone());
    }

    /** An ISO date such as {@code 2026-01-01}, or {@code null} when absent. */
    static LocalDate date(String raw, String field, String invalidCode) {
        if (blankAsAbsent(raw) == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(invalidCode, field, field + " must be an ISO-8601 date, e.g. 2026-01-01");
        }
    }

    /** Codes {@code <PREFIX>_REQUIRED} and {@code <PREFIX>_INVALID}. */
    static int requiredWholeNumber(String raw, String field, String codePrefix) {
        if (blankAsAbsent(raw) == null) {
            throw DomainException.invalid(codePrefix + "_REQUIRED", field, field + " is required");
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(codePrefix + "_INVALID", field, field + " must be a whole number");
        }
    }

    private static boolean bool(String raw, String field, String codePrefix) {
        return switch (raw.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.invalid(codePrefix + "_INVALID", field, field + " must be true or false");
        };
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankAsAbsent(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
