package io.refundledger.query.audit;

import io.refundledger.events.refund.RefundStatus;
import io.refundledger.query.refund.RefundProgressFold;
import io.refundledger.query.refund.RefundProgressView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rebuilds an application's progress view from its history entries: each stored payload is read back into its
 * event record and folded with {@link RefundProgressFold}, the logic of the live view, so a past state is
 * computed exactly as the view showed it then. Pure (no storage).
 */
final class RefundReplay {

    private final RefundProgressFold fold;

    RefundReplay(RefundProgressFold fold) {
        this.fold = fold;
    }

    /** The state up to {@code point}, and every status change on the way. */
    record Replayed(RefundProgressView state, List<StatusTransition> transitions, long lastAppliedPosition,
                    Instant lastEventAt, int eventsApplied) {
    }

    Replayed replay(List<AuditEntry> entries, PointInLog point) {
        RefundProgressView state = null;
        List<StatusTransition> transitions = new ArrayList<>();
        long lastPosition = 0;
        Instant lastAt = null;
        int applied = 0;
        for (AuditEntry entry : entries) {
            if (point != null && !point.includes(entry)) {
                break; // entries are in log order: nothing later belongs to the point either
            }
            Optional<Object> event = StoredPayloads.toEvent(entry);
            if (event.isPresent()) {
                RefundStatus before = state == null ? null : state.status();
                state = fold.apply(state, event.get(), entry.actor(), entry.globalPosition());
                RefundStatus after = state == null ? null : state.status();
                if (!Objects.equals(before, after)) {
                    transitions.add(new StatusTransition(entry.globalPosition(), entry.timestamp(), before, after,
                            entry.eventType(), entry.actor(), entry.actorRoles()));
                }
            }
            lastPosition = entry.globalPosition();
            lastAt = entry.timestamp();
            applied++;
        }
        return new Replayed(state, transitions, lastPosition, lastAt, applied);
    }
}
