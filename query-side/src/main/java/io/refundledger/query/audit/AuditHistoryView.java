package io.refundledger.query.audit;

import java.util.List;

/** Every recorded event of one aggregate (a refund application, or an order's refund ledger), oldest first. */
public record AuditHistoryView(String aggregateId, String aggregateType, List<AuditEntry> entries) {

    public AuditHistoryView {
        entries = List.copyOf(entries);
    }
}
