package io.refundledger.query.refund;

import io.refundledger.infrastructure.errors.DomainException;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Answers the questions about refund progress from the read model. */
@Service
public class RefundProgressQueries {

    /** Newest first; the application number breaks ties, as numbers are handed out in order. */
    static final Comparator<RefundProgressView> NEWEST_FIRST = Comparator
            .comparing(RefundProgressView::submittedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(RefundProgressView::applicationNumber, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .reversed();

    private final RefundProgressStore store;

    public RefundProgressQueries(RefundProgressStore store) {
        this.store = store;
    }

    public RefundProgressView answer(FindRefundProgress question) {
        String idOrNumber = question.idOrNumber();
        return (question.isApplicationNumber() ? store.findByApplicationNumber(idOrNumber) : store.findById(idOrNumber))
                .orElseThrow(() -> DomainException.notFound("REFUND_APPLICATION_NOT_FOUND",
                        "No refund application " + idOrNumber + "."));
    }

    public List<RefundProgressView> answer(ListRefundProgress question) {
        Set<String> applicationIds = null;
        if (question.orderId() != null) {
            applicationIds = store.applicationIdsForOrder(question.orderId());
        }
        if (question.customerId() != null) {
            Set<String> ofCustomer = store.applicationIdsForCustomer(question.customerId());
            if (applicationIds == null) {
                applicationIds = ofCustomer;
            } else {
                applicationIds = new LinkedHashSet<>(applicationIds);
                applicationIds.retainAll(ofCustomer);
            }
        }
        // A handful per order or customer, so sorting here beats a server-side sort (a full scan on the embedded server).
        return store.findAllById(applicationIds).stream().sorted(NEWEST_FIRST).toList();
    }
}
