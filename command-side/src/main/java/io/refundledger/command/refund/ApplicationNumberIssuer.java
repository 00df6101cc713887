package io.refundledger.command.refund;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.refundledger.events.refund.ApplicationNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Issues application numbers ({@code RF-yyyyMMdd-NNNNNN}) dated by the business day in the business zone.
 *
 * <p>One counter document per day ({@code _id} = day prefix) is incremented with a single atomic
 * {@code findOneAndUpdate} ({@code $inc}, upsert): no transaction, no read-then-write, so concurrent issuers
 * (threads or app instances) never get the same number. A number that was issued but whose command then
 * failed is simply never used; numbers are unique, not gap-free.
 *
 * <p>The number is derived from the document <em>before</em> the increment (none: this is the day's first).
 * On MongoDB that is exactly as atomic as asking for the document after it, but the embedded
 * mongo-java-server answers "after" with its live stored document, which concurrent increments change before
 * the answer is encoded, and then hands out duplicates; its "before" document is a private copy.
 */
@Component
public class ApplicationNumberIssuer {

    public static final String COLLECTION = "application_number_counters";
    static final String LAST_ISSUED = "lastIssued";

    private static final FindOneAndUpdateOptions INCREMENT_OR_START =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE);
    private static final int ATTEMPTS = 3;

    private final MongoCollection<Document> counters;
    private final Clock clock;
    private final ZoneId businessZone;

    public ApplicationNumberIssuer(MongoDatabase database, Clock clock, ZoneId businessZone) {
        // A counter rolled back after a failover would hand out numbers twice: write like the event store does.
        this.counters = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        this.clock = clock;
        this.businessZone = businessZone;
    }

    public ApplicationNumber issue() {
        LocalDate businessDay = LocalDate.ofInstant(clock.instant(), businessZone);
        return ApplicationNumber.of(businessDay, nextSequence(ApplicationNumber.dayPrefix(businessDay)));
    }

    private long nextSequence(String dayPrefix) {
        for (int attempt = 1; ; attempt++) {
            try {
                Document before = counters.findOneAndUpdate(Filters.eq("_id", dayPrefix),
                        Updates.inc(LAST_ISSUED, 1L), INCREMENT_OR_START);
                return before == null ? 1 : ((Number) before.get(LAST_ISSUED)).longValue() + 1;
            } catch (MongoException e) {
                // Two first-of-the-day upserts can both try to insert the counter; the loser simply increments
                // the winner's document on the next attempt.
                if (attempt >= ATTEMPTS || ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }
}
