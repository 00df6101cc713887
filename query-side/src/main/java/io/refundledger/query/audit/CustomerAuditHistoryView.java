package io.refundledger.query.audit;

import java.util.List;

/**
 * The histories of all of a customer's refund applications and subscriptions, merged into log order (by global
 * position).
 */
public record CustomerAuditHistoryView(String customerId, List<String> applicationIds, List<String> subscriptionIds,
                                       List<AuditEntry> entries) {

    public CustomerAuditHistoryView {
        applicationIds = List.copyOf(applicationIds);
        subscriptionIds = List.copyOf(subscriptionIds);
        entries = List.copyOf(entries);
    }
}
