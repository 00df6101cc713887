package io.refundledger.infrastructure.audit;

/** How the hash chain over the commit log is broken at a position. */
public enum BreakKind {
    /** The commit's stored content no longer hashes to its stored hash, or its index fields disagree with it. */
    ALTERED,
    /**
     * The commit does not chain to the commit before it: its {@code previousHash} differs from its
     * predecessor's hash. A commit was inserted, removed (and the rest renumbered), reordered, or altered
     * and re-hashed before this point.
     */
    BROKEN_CHAIN,
    /** A position is missing although later commits exist: a commit was deleted. */
    GAP
}
