package io.refundledger.command.generator;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.infrastructure.security.LedgerRole;
import org.axonframework.messaging.MetaData;

/**
 * A member of staff the generator acts as: the demo users of the embedded default, so generated histories show the
 * same names a newcomer signs in with.
 */
public record Staff(String username, LedgerRole role) {

    public static final Staff AGENT = new Staff("agent", LedgerRole.CUSTOMER_SERVICE);
    public static final Staff REVIEWER = new Staff("reviewer", LedgerRole.REVIEWER);
    public static final Staff REVIEWER2 = new Staff("reviewer2", LedgerRole.REVIEWER);
    public static final Staff FINANCE = new Staff("finance", LedgerRole.FINANCE);
    public static final Staff ADMIN = new Staff("admin", LedgerRole.ADMIN);

    /** Who acted, as the HTTP layer would have stamped it on the command. */
    public MetaData asMetaData() {
        return MetaData.with(MetadataKeys.ACTOR, username).and(MetadataKeys.ACTOR_ROLES, role.name());
    }

    /** Customer service acts for customers, who answer at any hour; the others keep office hours. */
    public boolean keepsOfficeHours() {
        return role != LedgerRole.CUSTOMER_SERVICE;
    }
}
