package io.refundledger.query.rebuild;

import java.time.Instant;

/** For tests outside this package: the shared record as another instance leaves it while it prepares a rebuild. */
public final class RebuildsElsewhere {

    private RebuildsElsewhere() {
    }

    /**
     * Reserves the next generation of {@code owner}'s read model without marking it ready: this instance sees a rebuild
     * under way that it does not fill itself ({@code BlueGreenRebuilds} joins only ready ones), so it stays under way.
     */
    public static int reservePreparing(GenerationRecords records, String owner, Instant at) {
        GenerationRecord record = records.of(owner);
        int target = record.active() + 1;
        if (!records.reserve(owner, record.active(), target, at)) {
            throw new IllegalStateException("A rebuild of " + owner + " is already under way");
        }
        return target;
    }
}
