package io.refundledger.command.web;

import io.refundledger.events.common.Money;
import io.refundledger.infrastructure.errors.DomainException;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Money as it travels in requests: {@code {"amount":"1200.00","currency":"CNY"}}. The amount is read as
 * text (a JSON number is accepted too, and Jackson hands over its digits unchanged), so it never passes
 * through binary floating point.
 */
public record MoneyJson(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1200.00",
                description = "decimal string; a JSON number is accepted as written") String amount,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "CNY", description = "ISO 4217 code")
        String currency) {

    /** Far above any refund, and small enough that an exponent like 1E+999999999 is never expanded. */
    static final int MAX_INTEGER_DIGITS = 15;

    /**
     * The amount as {@link Money}; every problem names {@code field.amount} or {@code field.currency}.
     *
     * @param field the request field holding this object, e.g. {@code paidAmount}
     */
    public Money toMoney(String field) {
        if (amount == null || amount.isBlank()) {
            throw DomainException.invalid("MONEY_AMOUNT_REQUIRED", field + ".amount", field + ".amount is required");
        }
        if (currency == null || currency.isBlank()) {
            throw DomainException.invalid("MONEY_CURRENCY_REQUIRED", field + ".currency", field + ".currency is required");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("MONEY_AMOUNT_INVALID", field + ".amount",
                    field + ".amount must be a decimal number such as \"1200.00\"");
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw DomainException.invalid("MONEY_AMOUNT_TOO_LARGE", field + ".amount",
                    field + ".amount must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        Currency iso = knownCurrency(currency.strip(), field);
        if (value.stripTrailingZeros().scale() > iso.getDefaultFractionDigits()) {
            throw DomainException.invalid("MONEY_AMOUNT_TOO_PRECISE", field + ".amount",
                    field + ".amount has more decimals than " + iso.getCurrencyCode() + " allows ("
                            + iso.getDefaultFractionDigits() + ")");
        }
        return new Money(value, iso.getCurrencyCode());
    }

    /** ISO 4217 codes in upper case; pseudo-currencies without minor units (gold, XXX) are no money to refund. */
    private static Currency knownCurrency(String code, String field) {
        try {
            Currency iso = Currency.getInstance(code);
            if (iso.getCurrencyCode().equals(code) && iso.getDefaultFractionDigits() >= 0) {
                return iso;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw DomainException.invalid("UNKNOWN_CURRENCY", field + ".currency",
                field + ".currency must be an ISO 4217 code such as CNY, was \"" + code + "\"");
    }
}
