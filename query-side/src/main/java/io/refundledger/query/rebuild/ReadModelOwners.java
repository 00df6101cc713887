package io.refundledger.query.rebuild;

import io.refundledger.query.analytics.cancellation.CancellationAnalyticsProjection;
import io.refundledger.query.analytics.cancellation.CancellationAnalyticsStore;
import io.refundledger.query.analytics.refund.RefundAnalyticsProjection;
import io.refundledger.query.analytics.refund.RefundAnalyticsStore;
import io.refundledger.query.audit.AuditHistoryProjection;
import io.refundledger.query.audit.AuditHistoryStore;
import io.refundledger.query.balance.AccountBalanceProjection;
import io.refundledger.query.balance.AccountBalanceStore;
import io.refundledger.query.finance.FinanceReportsProjection;
import io.refundledger.query.finance.FinanceReportsStore;
import io.refundledger.query.finance.RefundsByStatusStore;
import io.refundledger.query.kpi.StaffKpiProjection;
import io.refundledger.query.kpi.StaffKpiStore;
import io.refundledger.query.order.OrderRefundsProjection;
import io.refundledger.query.order.OrderRefundsStore;
import io.refundledger.query.refund.RefundProgressProjection;
import io.refundledger.query.refund.RefundProgressStore;
import io.refundledger.query.subscription.SubscriptionStatusProjection;
import io.refundledger.query.subscription.SubscriptionStatusStore;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which processor writes which collections: a read model is the set of collections one processing group fills, and
 * it is rebuilt (and switched to a new generation) as a whole. A collection belongs to exactly one processor.
 */
public final class ReadModelOwners {

    private final Map<String, List<String>> collectionsByOwner;
    private final Map<String, String> ownerByCollection = new HashMap<>();

    public ReadModelOwners(Map<String, List<String>> collectionsByOwner) {
        this.collectionsByOwner = new LinkedHashMap<>();
        collectionsByOwner.forEach((owner, collections) -> {
            if (owner.contains(ReadModelGenerations.TOKEN_SEPARATOR)) {
                throw new IllegalArgumentException("processor name " + owner + " must not contain "
                        + ReadModelGenerations.TOKEN_SEPARATOR);
            }
            for (String collection : collections) {
                String other = ownerByCollection.putIfAbsent(collection, owner);
                if (other != null) {
                    throw new IllegalArgumentException(collection + " is written by both " + other + " and " + owner);
                }
            }
            this.collectionsByOwner.put(owner, List.copyOf(collections));
        });
    }

    /** The query side's read models, from the constants their stores and projections declare. */
    public static ReadModelOwners ofTheQuerySide() {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        owners.put(RefundProgressProjection.PROCESSING_GROUP, List.of(RefundProgressStore.PROGRESS,
                RefundProgressStore.BY_ORDER, RefundProgressStore.BY_CUSTOMER, RefundsByStatusStore.DAYS,
                RefundsByStatusStore.SUMMARY));
        owners.put(FinanceReportsProjection.PROCESSING_GROUP, FinanceReportsStore.COLLECTIONS);
        owners.put(AuditHistoryProjection.PROCESSING_GROUP, List.of(AuditHistoryStore.HISTORY, AuditHistoryStore.BY_CUSTOMER));
        owners.put(AccountBalanceProjection.PROCESSING_GROUP, List.of(AccountBalanceStore.BALANCES,
                AccountBalanceStore.APPLICATION_CUSTOMERS));
        owners.put(OrderRefundsProjection.PROCESSING_GROUP, List.of(OrderRefundsStore.SUMMARIES,
                OrderRefundsStore.APPLICATION_ORDERS));
        owners.put(StaffKpiProjection.PROCESSING_GROUP, StaffKpiStore.FLUSH_ORDER);
        owners.put(SubscriptionStatusProjection.PROCESSING_GROUP, List.of(SubscriptionStatusStore.STATUS,
                SubscriptionStatusStore.BY_CUSTOMER, SubscriptionStatusStore.REFUND_LINKS));
        owners.put(RefundAnalyticsProjection.PROCESSING_GROUP, RefundAnalyticsStore.FLUSH_ORDER);
        owners.put(CancellationAnalyticsProjection.PROCESSING_GROUP, CancellationAnalyticsStore.FLUSH_ORDER);
        return new ReadModelOwners(owners);
    }

    public Set<String> owners() {
        return collectionsByOwner.keySet();
    }

    public boolean isOwner(String processor) {
        return collectionsByOwner.containsKey(processor);
    }

    /** The logical names of the owner's collections; empty for a processor that keeps no read model here. */
    public List<String> collectionsOf(String owner) {
        return collectionsByOwner.getOrDefault(owner, List.of());
    }

    /** The processor that writes this (logical) collection, if any. */
    public Optional<String> ownerOf(String collection) {
        return Optional.ofNullable(ownerByCollection.get(collection));
    }
}
