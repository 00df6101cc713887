package io.refundledger.query.balance;

import io.refundledger.query.common.ReadModelBatch;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Account balances ({@code account_balances}, {@code _id} = customer id) and whose each application is
 * ({@code account_balance_applications}, {@code _id} = application id), since a payout event names only the
 * application. Every read is an {@code _id} lookup.
 */
@Component
public class AccountBalanceStore {

    public static final String BALANCES = "account_balances";
    public static final String APPLICATION_CUSTOMERS = "account_balance_applications";

    private final MongoDatabase database;

    public AccountBalanceStore(MongoDatabase database) {
        this.database = database;
    }

    /** Owners before the balances, which record the position (see {@link ReadModelBatch}). */
    public static final List<String> FLUSH_ORDER = List.of(APPLICATION_CUSTOMERS, BALANCES);

    /** Reads these applications' owners into the current batch at once (ids of other aggregates are simply not found). */
    public void prefetch(Collection<String> ids) {
        ReadModelBatch.current().prefetch(applicationCustomers(), ids);
    }

    /** Reads these customers' balances into the current batch at once. */
    public void prefetchBalances(Collection<String> customerIds) {
        ReadModelBatch.current().prefetch(balances(), customerIds);
    }

    /** Within a batch of events, as the batch left it. */
    public Optional<AccountBalanceView> find(String customerId) {
        return ReadModelBatch.current().find(balances(), customerId).map(AccountBalanceStore::toView);
    }

    public void save(AccountBalanceView view) {
        ReadModelBatch.current().put(balances(), view.customerId(), RecordDocuments.toDocument(view, "customerId"));
    }

    /** Whose application it is, and the number the customer knows it by. */
    public record ApplicationOwner(String customerId, String applicationNumber) {
    }

    public Optional<ApplicationOwner> ownerOf(String applicationId) {
        return ReadModelBatch.current().find(applicationCustomers(), applicationId)
                .map(entry -> new ApplicationOwner(entry.getString("customerId"), entry.getString("applicationNumber")));
    }

    /** Idempotent: an application always belongs to the same customer. */
    public void rememberOwner(String applicationId, ApplicationOwner owner) {
        ReadModelBatch.current().put(applicationCustomers(), applicationId,
                new Document("_id", applicationId).append("customerId", owner.customerId())
                        .append("applicationNumber", owner.applicationNumber()));
    }

    public void deleteAll() {
        balances().drop();
        applicationCustomers().drop();
    }

    static AccountBalanceView toView(Document document) {
        return RecordDocuments.fromDocument(document, AccountBalanceView.class, "customerId");
    }

    private MongoCollection<Document> balances() {
        return database.getCollection(BALANCES);
    }

    private MongoCollection<Document> applicationCustomers() {
        return database.getCollection(APPLICATION_CUSTOMERS);
    }
}
