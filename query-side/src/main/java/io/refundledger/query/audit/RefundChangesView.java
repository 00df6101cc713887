package io.refundledger.query.audit;

import java.util.List;

/**
 * What changed in an application between two points of its history: both states, the names of the view's fields
 * that differ, and the events recorded in between (after {@code from}, up to and including {@code to}).
 */
public record RefundChangesView(RefundStateView from, RefundStateView to, List<String> changedFields,
                                List<AuditEntry> events) {

    public RefundChangesView {
        changedFields = List.copyOf(changedFields);
        events = List.copyOf(events);
    }
}
