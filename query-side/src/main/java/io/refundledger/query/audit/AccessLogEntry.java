package io.refundledger.query.audit;

import java.time.Instant;
import java.util.List;

/**
 * One call to an audit endpoint: who asked what, and what they got.
 *
 * @param id    time-ordered (a MongoDB ObjectId): newer calls have greater ids
 * @param query the raw query string, null when there was none
 */
public record AccessLogEntry(String id, String user, List<String> roles, String method, String path, String query,
                             int status, Instant at) {

    public AccessLogEntry {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
