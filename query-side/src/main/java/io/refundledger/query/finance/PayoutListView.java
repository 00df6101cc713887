package io.refundledger.query.finance;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The payouts started in a period (business days, both ends included), with counts and amounts by day, status,
 * method and currency, and one page of the attempts themselves, oldest first.
 *
 * @param status the status asked for, or null for all
 * @param method the method asked for, or null for all
 * @param total  how many attempts match, across all pages
 */
public record PayoutListView(LocalDate from, LocalDate to, PayoutStatus status, PayoutMethod method, int total,
                             int offset, int limit, List<Group> groups, List<Line> items) {

    public PayoutListView {
        groups = List.copyOf(groups);
        items = List.copyOf(items);
    }

    /** How many attempts, for how much, started on {@code day} with this method and now in this status. */
    public record Group(LocalDate day, PayoutStatus status, PayoutMethod method, String currency, long count,
                        MoneyView amount) {
    }

    /** One payout attempt, with why it failed when it did. */
    public record Line(String payoutId, String applicationId, String applicationNumber, String customerId, int attempt,
                       PayoutMethod method, MoneyView amount, PayoutStatus status, Instant startedAt, Instant completedAt,
                       String externalReference, String failureReason) {

        static Line of(PayoutEntry p) {
            return new Line(p.payoutId(), p.applicationId(), p.applicationNumber(), p.customerId(), p.attempt(), p.method(),
                    p.amount(), p.status(), p.startedAt(), p.completedAt(), p.externalReference(), p.failureReason());
        }
    }
}
