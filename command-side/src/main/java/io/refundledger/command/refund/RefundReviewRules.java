package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.infrastructure.errors.DomainException;

/**
 * What a reviewer's decision must satisfy. Pure: no Spring, no I/O. Same reporting as
 * {@link RefundSubmissionRules}: 400 for missing or oversized input, 422 for amounts the rules refuse.
 */
public final class RefundReviewRules {

    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_NOTE_LENGTH = 500;

    private RefundReviewRules() {
    }

    /** The reason as it will be shown to the customer: required, trimmed. */
    public static String rejectionReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("REASON_REQUIRED", "reason", "A rejection needs a reason the customer can read");
        }
        String trimmed = reason.strip();
        if (RefundSubmissionRules.length(trimmed) > MAX_REASON_LENGTH) {
            throw DomainException.invalid("REASON_TOO_LONG", "reason",
                    "reason must not exceed " + MAX_REASON_LENGTH + " characters");
        }
        return trimmed;
    }

    /** The reviewer's note, or {@code null} when none was given. */
    public static String approvalNote(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String trimmed = note.strip();
        if (RefundSubmissionRules.length(trimmed) > MAX_NOTE_LENGTH) {
            throw DomainException.invalid("NOTE_TOO_LONG", "note", "note must not exceed " + MAX_NOTE_LENGTH + " characters");
        }
        return trimmed;
    }

    /**
     * The amount that will be paid out: the requested amount unless the reviewer chose another one, which
     * may be lower or higher than requested but never more than was paid.
     */
    public static Money approvedAmount(Money proposed, Money requested, Money paid) {
        if (proposed == null) {
            return requested;
        }
        if (!proposed.isPositive()) {
            throw DomainException.ruleViolation("APPROVED_AMOUNT_NOT_POSITIVE", "approvedAmount.amount",
                    "The approved amount must be greater than zero, was " + proposed);
        }
        if (!proposed.sameCurrencyAs(requested)) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", "approvedAmount.currency",
                    "The approved amount must be in the requested currency (" + requested.currency() + "), not "
                            + proposed.currency());
        }
        if (proposed.isGreaterThan(paid)) {
            throw DomainException.ruleViolation("APPROVED_EXCEEDS_PAID", "approvedAmount",
                    "The approved amount " + proposed + " exceeds the paid amount " + paid);
        }
        return proposed;
    }

    public static final int MAX_TEXT_LENGTH = 1000;
    public static final int MAX_REFERENCE_LENGTH = 200;
    public static final int MAX_ATTACHMENTS = 20;

    /** Required free text (question, answer, amendment note...), trimmed; 400 naming {@code field} otherwise. */
    public static String requiredText(String value, String field, String missingCode, int maxLength) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(missingCode, field, field + " is required");
        }
        return checkedLength(value.strip(), field, maxLength);
    }

    /** Optional free text, trimmed; {@code null} when absent or blank. */
    public static String optionalText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return checkedLength(value.strip(), field, maxLength);
    }

    private static String checkedLength(String trimmed, String field, int maxLength) {
        if (RefundSubmissionRules.length(trimmed) > maxLength) {
            throw DomainException.invalid(field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase() + "_TOO_LONG", field,
                    field + " must not exceed " + maxLength + " characters");
        }
        return trimmed;
    }

    /** An amount stated against the application: positive and in the currency that was paid (422 otherwise). */
    public static void requirePositiveInCurrency(Money amount, Money paid, String field, String notPositiveCode) {
        if (!amount.sameCurrencyAs(paid)) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", field + ".currency",
                    field + " must be in the currency that was paid (" + paid.currency() + "), not " + amount.currency());
        }
        if (!amount.isPositive()) {
            throw DomainException.ruleViolation(notPositiveCode, field + ".amount",
                    field + " must be greater than zero, was " + amount);
        }
    }
}
