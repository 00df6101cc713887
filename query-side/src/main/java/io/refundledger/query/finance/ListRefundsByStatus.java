package io.refundledger.query.finance;

import io.refundledger.infrastructure.errors.DomainException;

import java.util.Arrays;
import java.util.Locale;

/**
 * "Which applications are on this finance list?" — e.g. approved but not yet paid — one page of them, those
 * waiting longest first.
 *
 * @param limit  page size, 1 to {@value #MAX_LIMIT}
 * @param offset how many to skip, from 0
 */
public record ListRefundsByStatus(FinanceQueue status, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public ListRefundsByStatus {
        if (status == null) {
            throw DomainException.invalid("MISSING_PARAMETER", "status", "Parameter status is required.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("INVALID_PARAMETER", "limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0) {
            throw DomainException.invalid("INVALID_PARAMETER", "offset", "offset must not be negative.");
        }
    }

    /** From request parameters: no status means the payout worklist (APPROVED); no limit or offset, the first page. */
    public static ListRefundsByStatus of(String status, Integer limit, Integer offset) {
        return new ListRefundsByStatus(queueNamed(status), limit == null ? DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
    }

    private static FinanceQueue queueNamed(String status) {
        if (status == null || status.isBlank()) {
            return FinanceQueue.APPROVED;
        }
        String name = status.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(FinanceQueue.values()).filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> DomainException.invalid("INVALID_PARAMETER", "status",
                        "Finance lists applications by status " + Arrays.toString(FinanceQueue.values()) + "; not " + status.strip() + "."));
    }
}
