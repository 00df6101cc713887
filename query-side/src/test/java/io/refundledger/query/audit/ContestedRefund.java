package io.refundledger.query.audit;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.evaluated;
import static io.refundledger.query.refund.RefundEvents.informationProvided;
import static io.refundledger.query.refund.RefundEvents.informationRequested;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.notified;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rated;
import static io.refundledger.query.refund.RefundEvents.returnAuthorized;
import static io.refundledger.query.refund.RefundEvents.returnReceived;
import static io.refundledger.query.refund.RefundEvents.returnShipped;
import static io.refundledger.query.refund.RefundEvents.reserved;
import static io.refundledger.query.refund.RefundEvents.submitted;

/**
 * The refund a customer later disputes, fed at positions 101, 102, … (every 10 minutes from {@link #T0}): submit →
 * policy evaluation → assignment → information request → answer (with markup in it) → approval of CNY 1,000 →
 * return authorised, shipped, received, inspected → payout fails → retry → paid → rating, with notifications.
 * Every event carries the metadata the command side writes.
 */
final class ContestedRefund {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    static final String CUSTOMER = "C-DISPUTE-1";
    static final String ORDER = "SO-20261101-7";
    /** A customer's answer may contain anything; the HTML dossier must show it as text. */
    static final String ANSWER = "Invoice attached <script>alert('x')</script> & photos";

    final String id = newApplicationId();
    final String number = newApplicationNumber();
    final Map<String, Long> positions = new HashMap<>();
    private long position;
    private final long firstPosition;

    ContestedRefund(long firstPosition) {
        this.firstPosition = firstPosition;
        this.position = firstPosition - 1;
    }

    static Map<String, String> meta(String actor, String roles, String requestId) {
        Map<String, String> m = new HashMap<>();
        if (actor != null) {
            m.put(MetadataKeys.ACTOR, actor);
            m.put(MetadataKeys.ACTOR_ROLES, roles);
            m.put(MetadataKeys.CHANNEL, "http");
        } else {
            m.put(MetadataKeys.CHANNEL, "scheduler");
        }
        m.put(MetadataKeys.REQUEST_ID, requestId);
        m.put("traceId", "trace-" + requestId);
        m.put("correlationId", "cmd-" + requestId);
        return m;
    }

    Instant at(int step) {
        return T0.plusSeconds(600L * step);
    }

    void feed(HistoryFeed feed) {
        Money paid = Money.of("1299.00", "CNY");
        Money approvedAmount = Money.of("1000.00", "CNY");
        Map<String, String> submit = meta("agent", "CUSTOMER_SERVICE", "req-1");
        submit.put(MetadataKeys.IDEMPOTENCY_KEY, "idem-submit-1");
        step(feed, "submitted", 0, submitted(id, number, CUSTOMER, ORDER, RefundType.RETURN_AND_REFUND, paid, paid,
                PayoutMethod.ORIGINAL_PAYMENT, at(0)), submit);
        Map<String, String> evaluation = meta("agent", "CUSTOMER_SERVICE", "req-1");
        evaluation.put(MetadataKeys.POLICY_VERSION, "2026-11");
        step(feed, "evaluated", 0, evaluated(id, Money.of("1199.00", "CNY"), false, at(0).plusSeconds(172800), at(0)), evaluation);
        step(feed, "assigned", 1, assigned(id, "reviewer", null, at(1)), meta("admin", "ADMIN", "req-2"));
        step(feed, "asked", 2, informationRequested(id, "Photos of the dead pixels, please", at(2)), meta("reviewer", "REVIEWER", "req-3"));
        step(feed, "answered", 3, informationProvided(id, ANSWER, List.of("photo-1"), at(3)), meta("agent", "CUSTOMER_SERVICE", "req-4"));
        step(feed, "approved", 4, approved(id, approvedAmount, at(4)), meta("reviewer", "REVIEWER", "req-5"));
        step(feed, "notifiedApproved", 4, notified(id, "N-1", "refund-approved", at(4)), meta("reviewer", "REVIEWER", "req-5"));
        step(feed, "returnAuthorized", 5, returnAuthorized(id, at(5)), meta("reviewer", "REVIEWER", "req-6"));
        step(feed, "returnShipped", 6, returnShipped(id, at(6)), meta("agent", "CUSTOMER_SERVICE", "req-7"));
        step(feed, "returnReceived", 7, returnReceived(id, at(7)), meta("reviewer", "REVIEWER", "req-8"));
        step(feed, "inspected", 8, inspected(id, InspectionOutcome.PASSED, null, at(8)), meta("reviewer", "REVIEWER", "req-9"));
        step(feed, "payout1", 9, payoutStarted(id, "P-1", approvedAmount, PayoutMethod.ORIGINAL_PAYMENT, 1, at(9)),
                meta("finance", "FINANCE", "req-10"));
        step(feed, "payout1Failed", 10, payoutFailed(id, "P-1", "Card account closed", at(10)), meta(null, null, "job-1"));
        step(feed, "payout2", 11, payoutStarted(id, "P-2", approvedAmount, PayoutMethod.ORIGINAL_PAYMENT, 2, at(11)),
                meta("finance", "FINANCE", "req-11"));
        step(feed, "paid", 12, payoutSucceeded(id, "P-2", approvedAmount, PayoutMethod.ORIGINAL_PAYMENT, at(12)),
                meta("finance", "FINANCE", "req-12"));
        step(feed, "notifiedPaid", 12, notified(id, "N-2", "refund-paid", at(12)), meta("finance", "FINANCE", "req-12"));
        step(feed, "rated", 13, rated(id, 2, at(13)), meta("agent", "CUSTOMER_SERVICE", "req-13"));
    }

    /** The order ledger's reservation for this application (another aggregate), at the next position. */
    long reserve(HistoryFeed feed) {
        position++;
        feed.deliver(position, reserved(ORDER, id, Money.of("1000.00", "CNY"), Money.of("1299.00", "CNY"),
                Money.of("1000.00", "CNY"), at(4)), meta("reviewer", "REVIEWER", "req-5"), recordedAt(4));
        return position;
    }

    long positionOf(String step) {
        return positions.get(step);
    }

    long first() {
        return firstPosition;
    }

    long last() {
        return position;
    }

    /** Events are recorded a second after the business moment they name. */
    Instant recordedAt(int step) {
        return at(step).plusSeconds(1);
    }

    private void step(HistoryFeed feed, String name, int step, Object event, Map<String, String> metaData) {
        position++;
        feed.deliver(position, event, metaData, recordedAt(step));
        positions.put(name, position);
    }
}
