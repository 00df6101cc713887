package io.refundledger.query.finance;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.infrastructure.errors.DomainException;

import java.util.Arrays;
import java.util.Locale;

/**
 * "Which payouts were started in this period?" — optionally only those with a status (e.g. {@code FAILED}) or a
 * method — with counts and amounts by day, status, method and currency.
 */
public record ListPayouts(ReportPeriod period, PayoutStatus status, PayoutMethod method, Paging page) {

    public static PayoutStatus statusNamed(String status) {
        return named(PayoutStatus.class, status, "status");
    }

    public static PayoutMethod methodNamed(String method) {
        return named(PayoutMethod.class, method, "method");
    }

    private static <E extends Enum<E>> E named(Class<E> type, String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> DomainException.invalid("INVALID_PARAMETER", parameter, "Parameter " + parameter
                        + " must be one of " + Arrays.toString(type.getEnumConstants()) + "; was '" + value.strip() + "'."));
    }
}
