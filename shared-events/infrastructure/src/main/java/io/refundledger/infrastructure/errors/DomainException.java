package io.refundledger.infrastructure.errors;

import java.util.Objects;

/**
 * A domain error with a stable code clients can rely on. The message is for humans and may change; the
 * code, kind and field never do. Callers map codes, never messages.
 */
public class DomainException extends RuntimeException {

    private final String code;
    private final ErrorKind kind;
    private final String field;

    public DomainException(String code, ErrorKind kind, String field, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
    }

    public static DomainException invalid(String code, String field, String message) {
        return new DomainException(code, ErrorKind.INVALID_INPUT, field, message);
    }

    public static DomainException ruleViolation(String code, String field, String message) {
        return new DomainException(code, ErrorKind.RULE_VIOLATION, field, message);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(code, ErrorKind.CONFLICT, null, message);
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(code, ErrorKind.NOT_FOUND, null, message);
    }

    public String code() {
        return code;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The request field at fault, or {@code null} when the error is not about one field. */
    public String field() {
        return field;
    }
}
