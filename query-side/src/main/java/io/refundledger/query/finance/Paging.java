package io.refundledger.query.finance;

import io.refundledger.infrastructure.errors.DomainException;

/** A page of a finance list: {@code limit} 1 to {@value #MAX_LIMIT}, {@code offset} from 0. */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public Paging {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("INVALID_PARAMETER", "limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0) {
            throw DomainException.invalid("INVALID_PARAMETER", "offset", "offset must not be negative.");
        }
    }

    public static Paging of(Integer limit, Integer offset) {
        return new Paging(limit == null ? DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
    }
}
