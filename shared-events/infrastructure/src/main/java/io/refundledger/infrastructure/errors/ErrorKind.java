package io.refundledger.infrastructure.errors;

/** How a domain error is reported; the web layer maps each kind to one HTTP status. */
public enum ErrorKind {
    /** The request itself is malformed or incomplete (400). */
    INVALID_INPUT,
    /** The caller is not allowed to do this (403). */
    FORBIDDEN,
    /** The thing asked for does not exist (404). */
    NOT_FOUND,
    /** The request conflicts with the current state, e.g. a concurrent change or a finished application (409). */
    CONFLICT,
    /** Well-formed, but a business rule forbids it (422). */
    RULE_VIOLATION
}
