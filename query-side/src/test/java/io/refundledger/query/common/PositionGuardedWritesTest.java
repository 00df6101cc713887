package io.refundledger.query.common;

import com.mongodb.client.MongoCollection;
import io.refundledger.query.refund.EventFeed;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two workers briefly holding one segment (a lapsed claim taken over while its holder is still busy) must not let
 * the slower one write an older version of a view over a newer one: the faster worker would build on it and an event
 * would be lost for good. The soak found exactly that (a refund's policy evaluation missing from its live view).
 */
class PositionGuardedWritesTest {

    private MongoCollection<Document> views;

    @BeforeEach
    void emptyCollection() {
        views = EventFeed.freshDatabase().getCollection("views");
    }

    private static Document view(long position, String status) {
        return new Document("_id", "app-1").append("status", status).append(PositionGuardedWrites.POSITION, position);
    }

    private Document stored() {
        return views.find(new Document("_id", "app-1")).first();
    }

    @Test
    void theFirstVersionIsInsertedAndANewerOneReplacesIt() {
        assertThat(PositionGuardedWrites.replaceUnlessNewer(views, "app-1", view(10, "SUBMITTED"))).isTrue();
        assertThat(PositionGuardedWrites.replaceUnlessNewer(views, "app-1", view(12, "APPROVED"))).isTrue();

        assertThat(stored().getString("status")).isEqualTo("APPROVED");
    }

    @Test
    void anOlderVersionWrittenLateIsDropped() {
        PositionGuardedWrites.replaceUnlessNewer(views, "app-1", view(12, "APPROVED"));

        assertThat(PositionGuardedWrites.replaceUnlessNewer(views, "app-1", view(10, "SUBMITTED"))).isFalse();

        assertThat(stored().getString("status")).isEqualTo("APPROVED");
        assertThat(stored().getLong(PositionGuardedWrites.POSITION)).isEqualTo(12);
    }

    @Test
    void oneEventMaySaveTheSameDocumentTwice() {
        PositionGuardedWrites.replaceUnlessNewer(views, "app-1", view(12, "APPROVED"));

        assertThat(PositionGuardedWrites.replaceUnlessNewer(views, "app-1", view(12, "APPROVED, noted"))).isTrue();

        assertThat(stored().getString("status")).isEqualTo("APPROVED, noted");
    }
}
