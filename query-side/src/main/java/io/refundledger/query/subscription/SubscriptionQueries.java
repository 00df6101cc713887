package io.refundledger.query.subscription;

import io.refundledger.infrastructure.errors.DomainException;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Answers the questions about subscriptions from the read model; every read is an {@code _id} lookup. */
@Service
public class SubscriptionQueries {

    /** Newest first; the id breaks ties so the order is stable. */
    static final Comparator<SubscriptionStatusView> NEWEST_FIRST = Comparator
            .comparing(SubscriptionStatusView::startedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(SubscriptionStatusView::subscriptionId)
            .reversed();

    private final SubscriptionStatusStore store;

    public SubscriptionQueries(SubscriptionStatusStore store) {
        this.store = store;
    }

    public SubscriptionStatusView answer(FindSubscriptionStatus question) {
        return find(question.subscriptionId());
    }

    /** 404 for an unknown subscription, and for one that was never asked to cancel (there is no progress to show). */
    public SubscriptionCancellationView answer(FindSubscriptionCancellation question) {
        SubscriptionStatusView view = find(question.subscriptionId());
        if (view.cancellation() == null && view.pastCancellations().isEmpty()) {
            throw DomainException.notFound("SUBSCRIPTION_CANCELLATION_NOT_FOUND",
                    "Subscription " + view.subscriptionId() + " has never been asked to cancel.");
        }
        return SubscriptionCancellationView.of(view);
    }

    /** A customer without subscriptions has an empty list, not an error. */
    public List<SubscriptionStatusView> answer(ListCustomerSubscriptions question) {
        // A handful per customer, so sorting here beats a server-side sort (a full scan on the embedded server).
        return store.findAllById(store.subscriptionIdsOfCustomer(question.customerId())).stream()
                .sorted(NEWEST_FIRST).toList();
    }

    private SubscriptionStatusView find(String subscriptionId) {
        return store.findById(subscriptionId).orElseThrow(() -> DomainException.notFound("SUBSCRIPTION_NOT_FOUND",
                "No subscription " + subscriptionId + "."));
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", field, "Give a " + field + ".");
        }
        return value.strip();
    }
}
