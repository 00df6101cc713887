package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.infrastructure.errors.DomainException;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a refund application may be recorded at all. Pure: no Spring, no I/O, "now" is passed in.
 *
 * <p>How violations are reported (the codes are the stable contract):
 * <ul>
 *   <li><b>400, invalid input</b>: the request cannot be read as an application: a value is missing, or it
 *       does not fit its field (too long). Unparsable values never get this far; the request mapping step
 *       reports them with 400 too.</li>
 *   <li><b>422, rule violation</b>: every value is well-formed, but business rules refuse them: amounts
 *       that are not positive, in different currencies, a request above what was paid, a purchase in the
 *       future.</li>
 * </ul>
 * The first violation wins: required values are checked before rules that compare them.
 */
public final class RefundSubmissionRules {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_REASON_TEXT_LENGTH = 500;
    /** Order systems and this server disagree slightly about "now"; a purchase seconds "ahead" is not an error. */
    public static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofMinutes(5);

    private RefundSubmissionRules() {
    }

    /** @throws DomainException naming the first field at fault */
    public static void check(RefundTerms terms, Instant now) {
        requireText(terms.customerId(), "customerId", "CUSTOMER_ID_REQUIRED", "CUSTOMER_ID_TOO_LONG", MAX_ID_LENGTH);
        requireText(terms.orderId(), "orderId", "ORDER_ID_REQUIRED", "ORDER_ID_TOO_LONG", MAX_ID_LENGTH);
        require(terms.paidAmount(), "paidAmount", "PAID_AMOUNT_REQUIRED");
        require(terms.requestedAmount(), "requestedAmount", "REQUESTED_AMOUNT_REQUIRED");
        require(terms.reasonCategory(), "reasonCategory", "REASON_CATEGORY_REQUIRED");
        require(terms.payoutMethod(), "payoutMethod", "PAYOUT_METHOD_REQUIRED");
        require(terms.purchasedAt(), "purchasedAt", "PURCHASED_AT_REQUIRED");
        if (terms.reasonText() != null && length(terms.reasonText()) > MAX_REASON_TEXT_LENGTH) {
            throw DomainException.invalid("REASON_TEXT_TOO_LONG", "reasonText",
                    "reasonText must not exceed " + MAX_REASON_TEXT_LENGTH + " characters");
        }

        Money paid = terms.paidAmount();
        Money requested = terms.requestedAmount();
        if (!paid.isPositive()) {
            throw DomainException.ruleViolation("PAID_AMOUNT_NOT_POSITIVE", "paidAmount.amount",
                    "The paid amount must be greater than zero, was " + paid);
        }
        if (!requested.isPositive()) {
            throw DomainException.ruleViolation("REQUESTED_AMOUNT_NOT_POSITIVE", "requestedAmount.amount",
                    "The requested amount must be greater than zero, was " + requested);
        }
        if (!requested.sameCurrencyAs(paid)) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", "requestedAmount.currency",
                    "A refund is requested in the currency that was paid (" + paid.currency() + "), not "
                            + requested.currency());
        }
        if (requested.isGreaterThan(paid)) {
            throw DomainException.ruleViolation("REQUESTED_EXCEEDS_PAID", "requestedAmount",
                    "The requested amount " + requested + " exceeds the paid amount " + paid);
        }
        if (terms.purchasedAt().isAfter(now.plus(CLOCK_SKEW_TOLERANCE))) {
            throw DomainException.ruleViolation("PURCHASED_AT_IN_FUTURE", "purchasedAt",
                    "The purchase time " + terms.purchasedAt() + " lies in the future");
        }
        checkPolicyFacts(terms, now);
    }

    /** The optional facts the refund policy judges on: each must make sense on its own and with the purchase. */
    private static void checkPolicyFacts(RefundTerms terms, Instant now) {
        if (terms.servicePeriodStart() == null && terms.servicePeriodEnd() != null) {
            throw DomainException.invalid("SERVICE_PERIOD_INCOMPLETE", "servicePeriodStart",
                    "servicePeriodStart is required when servicePeriodEnd is given");
        }
        if (terms.servicePeriodStart() != null && terms.servicePeriodEnd() == null) {
            throw DomainException.invalid("SERVICE_PERIOD_INCOMPLETE", "servicePeriodEnd",
                    "servicePeriodEnd is required when servicePeriodStart is given");
        }
        Money discount = terms.discountReceived();
        if (discount != null && discount.amount().signum() < 0) {
            throw DomainException.ruleViolation("DISCOUNT_NEGATIVE", "discountReceived.amount",
                    "The discount received cannot be negative, was " + discount);
        }
        if (discount != null && !discount.sameCurrencyAs(terms.paidAmount())) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", "discountReceived.currency",
                    "The discount must be in the currency that was paid (" + terms.paidAmount().currency() + "), not "
                            + discount.currency());
        }
        if (terms.servicePeriodStart() != null && !terms.servicePeriodEnd().isAfter(terms.servicePeriodStart())) {
            throw DomainException.ruleViolation("SERVICE_PERIOD_INVALID", "servicePeriodEnd",
                    "The service period must end after it starts");
        }
        if (terms.deliveredAt() != null && terms.deliveredAt().isBefore(terms.purchasedAt())) {
            throw DomainException.ruleViolation("DELIVERED_BEFORE_PURCHASE", "deliveredAt",
                    "The goods cannot have been delivered before they were bought");
        }
        if (terms.deliveredAt() != null && terms.deliveredAt().isAfter(now.plus(CLOCK_SKEW_TOLERANCE))) {
            throw DomainException.ruleViolation("DELIVERED_AT_IN_FUTURE", "deliveredAt",
                    "The delivery time " + terms.deliveredAt() + " lies in the future");
        }
    }

    private static void require(Object value, String field, String code) {
        if (value == null) {
            throw DomainException.invalid(code, field, field + " is required");
        }
    }

    private static void requireText(String value, String field, String missingCode, String tooLongCode, int maxLength) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(missingCode, field, field + " is required");
        }
        if (length(value) > maxLength) {
            throw DomainException.invalid(tooLongCode, field, field + " must not exceed " + maxLength + " characters");
        }
    }

    /** Characters as people count them: a Chinese character or an emoji is one, not two UTF-16 units. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
