package io.refundledger.query.rebuild;

import java.time.Instant;

/**
 * Where one read model's generations stand, shared by every query-side instance.
 *
 * @param active        the generation that answers queries
 * @param building      the generation a blue/green rebuild is filling, or null
 * @param ready         whether the building generation's collections are reset and its tokens created, so any
 *                      instance may take part in filling it
 * @param buildingSince when the rebuild was requested
 * @param previous      the generation the last switch retired (dropped after a grace period), or null
 * @param switchedAt    when the last switch happened, or null
 */
public record GenerationRecord(String owner, int active, Integer building, boolean ready, Instant buildingSince,
                               Integer previous, Instant switchedAt) {

    static GenerationRecord initial(String owner) {
        return new GenerationRecord(owner, 0, null, false, null, null, null);
    }
}
