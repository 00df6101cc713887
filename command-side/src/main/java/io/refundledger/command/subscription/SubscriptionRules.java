package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.infrastructure.errors.DomainException;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the values of subscription commands must satisfy. Pure: no Spring, no I/O. Same reporting as the refund
 * rules: 400 for values that are missing, oversized or do not fit together (a penalty percent on a fixed
 * penalty); 422 for values the contract rules refuse (no seats, a term ending before it starts, negative money,
 * mixed currencies). The first violation wins; the aggregate checks its state between the two.
 */
public final class SubscriptionRules {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_TEXT_LENGTH = 500;
    public static final int MAX_REFERENCE_LENGTH = 500;
    public static final int MAX_FORMAT_LENGTH = 32;
    public static final int MAX_CONTACT_NAME_LENGTH = 100;
    public static final int MAX_CONTACT_EMAIL_LENGTH = 254;
    public static final int MAX_CONTACT_PHONE_LENGTH = 32;
    public static final int MAX_MINIMUM_TERM_MONTHS = 120;
    public static final int MAX_NOTICE_PERIOD_DAYS = 366;
    public static final int MAX_DATA_RETENTION_DAYS = 3650;

    private SubscriptionRules() {
    }

    /** 400: everything a start needs is there and fits its field. */
    public static void checkStartInput(StartSubscription command) {
        requiredText(command.subscriptionId(), "subscriptionId", "SUBSCRIPTION_ID", MAX_ID_LENGTH);
        requiredText(command.customerId(), "customerId", "CUSTOMER_ID", MAX_ID_LENGTH);
        requiredText(command.planCode(), "planCode", "PLAN_CODE", MAX_ID_LENGTH);
        optionalText(command.productId(), "productId", "PRODUCT_ID", MAX_ID_LENGTH);
        optionalText(command.customerSegment(), "customerSegment", "CUSTOMER_SEGMENT", MAX_ID_LENGTH);
        require(command.termStart(), "termStart", "TERM_START_REQUIRED");
        require(command.termEnd(), "termEnd", "TERM_END_REQUIRED");
        require(command.prepaidAmount(), "prepaidAmount", "PREPAID_AMOUNT_REQUIRED");
        require(command.terms(), "terms", "TERMS_REQUIRED");
        checkPenaltyShape(command.terms().penalty());
        SubscriptionContact contact = command.contact();
        if (contact != null) {
            optionalText(contact.name(), "contact.name", "CONTACT_NAME", MAX_CONTACT_NAME_LENGTH);
            optionalText(contact.email(), "contact.email", "CONTACT_EMAIL", MAX_CONTACT_EMAIL_LENGTH);
            optionalText(contact.phone(), "contact.phone", "CONTACT_PHONE", MAX_CONTACT_PHONE_LENGTH);
        }
    }

    /** 422: the values make a contract that can be settled. */
    public static void checkStartRules(StartSubscription command) {
        if (command.seats() < 1) {
            throw DomainException.ruleViolation("SEATS_BELOW_ONE", "seats",
                    "A subscription has at least one seat, was " + command.seats());
        }
        checkTerm(command.termStart(), command.termEnd());
        Money prepaid = command.prepaidAmount();
        checkTermMoney(prepaid, command.termDiscount(), prepaid.currency());
        checkContract(command.terms(), prepaid.currency());
    }

    /** 400 for a renewal: the new term's end and what was paid for it. */
    public static void checkRenewalInput(RenewSubscription command) {
        require(command.termEnd(), "termEnd", "TERM_END_REQUIRED");
        require(command.prepaidAmount(), "prepaidAmount", "PREPAID_AMOUNT_REQUIRED");
    }

    /** 422 for a renewal of a term ending on {@code currentTermEnd}, paid in {@code currency}. */
    public static void checkRenewalRules(RenewSubscription command, LocalDate currentTermEnd, String currency) {
        checkTerm(currentTermEnd, command.termEnd());
        checkTermMoney(command.prepaidAmount(), command.termDiscount(), currency);
    }

    private static void checkTerm(LocalDate start, LocalDate end) {
        if (!end.isAfter(start)) {
            throw DomainException.ruleViolation("TERM_END_NOT_AFTER_START", "termEnd",
                    "The term must end after it starts on " + start + "; termEnd is exclusive, was " + end);
        }
    }

    private static void checkTermMoney(Money prepaid, Money discount, String currency) {
        if (!prepaid.currency().equals(currency)) {
            throw currencyMismatch("prepaidAmount", currency, prepaid);
        }
        if (prepaid.amount().signum() < 0) {
            throw DomainException.ruleViolation("PREPAID_AMOUNT_NEGATIVE", "prepaidAmount.amount",
                    "The prepaid amount cannot be negative, was " + prepaid);
        }
        if (discount != null) {
            if (!discount.sameCurrencyAs(prepaid)) {
                throw currencyMismatch("termDiscount", currency, discount);
            }
            if (discount.amount().signum() < 0) {
                throw DomainException.ruleViolation("DISCOUNT_NEGATIVE", "termDiscount.amount",
                        "The term discount cannot be negative, was " + discount);
            }
        }
    }

    private static void checkContract(ContractTerms terms, String currency) {
        inRange(terms.minimumTermMonths(), MAX_MINIMUM_TERM_MONTHS, "terms.minimumTermMonths", "MINIMUM_TERM_OUT_OF_RANGE");
        inRange(terms.noticePeriodDays(), MAX_NOTICE_PERIOD_DAYS, "terms.noticePeriodDays", "NOTICE_PERIOD_OUT_OF_RANGE");
        inRange(terms.dataRetentionDays(), MAX_DATA_RETENTION_DAYS, "terms.dataRetentionDays", "DATA_RETENTION_OUT_OF_RANGE");
        EarlyTerminationPenalty penalty = terms.penalty();
        if (penalty == null) {
            return;
        }
        BigDecimal percent = penalty.percent();
        if (percent != null && (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw DomainException.ruleViolation("PENALTY_PERCENT_OUT_OF_RANGE", "terms.penalty.percent",
                    "The penalty percent must be above 0 and at most 100, was " + percent.toPlainString());
        }
        Money fixed = penalty.fixedAmount();
        if (fixed != null) {
            if (!fixed.currency().equals(currency)) {
                throw currencyMismatch("terms.penalty.fixedAmount", currency, fixed);
            }
            if (!fixed.isPositive()) {
                throw DomainException.ruleViolation("PENALTY_FIXED_AMOUNT_NOT_POSITIVE", "terms.penalty.fixedAmount.amount",
                        "A fixed penalty must be greater than zero, was " + fixed);
            }
        }
        Money cap = penalty.cap();
        if (cap != null) {
            if (!cap.currency().equals(currency)) {
                throw currencyMismatch("terms.penalty.cap", currency, cap);
            }
            if (cap.amount().signum() < 0) {
                throw DomainException.ruleViolation("PENALTY_CAP_NEGATIVE", "terms.penalty.cap.amount",
                        "The penalty cap cannot be negative, was " + cap);
            }
        }
    }

    /** Which fields a penalty rule has depends on its kind; a missing penalty means none. */
    private static void checkPenaltyShape(EarlyTerminationPenalty penalty) {
        if (penalty == null) {
            return;
        }
        require(penalty.kind(), "terms.penalty.kind", "PENALTY_KIND_REQUIRED");
        switch (penalty.kind()) {
            case NONE -> {
                notApplicable(penalty.percent(), "terms.penalty.percent", "NONE");
                notApplicable(penalty.fixedAmount(), "terms.penalty.fixedAmount", "NONE");
                notApplicable(penalty.cap(), "terms.penalty.cap", "NONE");
            }
            case PERCENT_OF_REMAINING -> {
                require(penalty.percent(), "terms.penalty.percent", "PENALTY_PERCENT_REQUIRED");
                notApplicable(penalty.fixedAmount(), "terms.penalty.fixedAmount", "PERCENT_OF_REMAINING");
            }
            case FIXED_AMOUNT -> {
                require(penalty.fixedAmount(), "terms.penalty.fixedAmount", "PENALTY_FIXED_AMOUNT_REQUIRED");
                notApplicable(penalty.percent(), "terms.penalty.percent", "FIXED_AMOUNT");
            }
        }
    }

    private static void notApplicable(Object value, String field, String kind) {
        if (value != null) {
            throw DomainException.invalid("PENALTY_RULE_INCONSISTENT", field, field + " does not apply to a " + kind + " penalty");
        }
    }

    private static void inRange(int value, int max, String field, String code) {
        if (value < 0 || value > max) {
            throw DomainException.ruleViolation(code, field, field + " must be from 0 to " + max + ", was " + value);
        }
    }

    private static DomainException currencyMismatch(String field, String currency, Money money) {
        return DomainException.ruleViolation("CURRENCY_MISMATCH", field + ".currency",
                field + " must be in the subscription's currency (" + currency + "), not " + money.currency());
    }

    /** Required free text, trimmed; codes {@code <PREFIX>_REQUIRED} and {@code <PREFIX>_TOO_LONG}. */
    public static String requiredText(String value, String field, String codePrefix, int maxLength) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(codePrefix + "_REQUIRED", field, field + " is required");
        }
        return checkedLength(value.strip(), field, codePrefix, maxLength);
    }

    /** Optional free text, trimmed; {@code null} when absent or blank. */
    public static String optionalText(String value, String field, String codePrefix, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return checkedLength(value.strip(), field, codePrefix, maxLength);
    }

    public static void require(Object value, String field, String code) {
        if (value == null) {
            throw DomainException.invalid(code, field, field + " is required");
        }
    }

    private static String checkedLength(String trimmed, String field, String codePrefix, int maxLength) {
        // Characters as people count them: a Chinese character or an emoji is one.
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw DomainException.invalid(codePrefix + "_TOO_LONG", field, field + " must not exceed " + maxLength + " characters");
        }
        return trimmed;
    }
}
