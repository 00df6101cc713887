package io.refundledger.query.audit;

import java.util.List;

/** The histories of all of a customer's refund applications, merged into log order (by global position). */
public record CustomerAuditHistoryView(String customerId, List<String> applicationIds, List<AuditEntry> entries) {

    public CustomerAuditHistoryView {
        applicationIds = List.copyOf(applicationIds);
        entries = List.copyOf(entries);
    }
}
