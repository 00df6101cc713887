package io.refundledger.infrastructure.security;

import java.util.Optional;

/**
 * The roles a user of the ledger can hold. Spring Security sees each as the authority {@code ROLE_<name>};
 * metadata and tokens carry the bare name.
 */
public enum LedgerRole {
    /** Takes requests from customers: submits, answers, withdraws, reports shipments, records ratings. */
    CUSTOMER_SERVICE,
    /** Reviews applications: assigns, asks for information, approves, rejects, inspects returns. */
    REVIEWER,
    /** Gives second approvals above the threshold, rejects, runs payouts. */
    FINANCE,
    /** Reads everything, changes nothing. */
    AUDITOR,
    /** Operates the system. */
    ADMIN;

    static final String PREFIX = "ROLE_";

    public String authority() {
        return PREFIX + name();
    }

    /** The role named by {@code text} ({@code REVIEWER} or {@code ROLE_REVIEWER}), if it is one of ours. */
    public static Optional<LedgerRole> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip();
        if (name.startsWith(PREFIX)) {
            name = name.substring(PREFIX.length());
        }
        for (LedgerRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
