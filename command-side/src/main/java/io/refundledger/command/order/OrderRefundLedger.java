package io.refundledger.command.order;

import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.infrastructure.errors.DomainException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The per-order refund ledger: what is set aside of one order's paid amount for its approved refund
 * applications, so that all applications of an order together never refund more than was paid.
 *
 * <p>It has no command handlers of its own: it is changed by the refund application's decision handlers,
 * in the same unit of work as the application itself (see {@link OrderRefundLedgers}), so both are stored
 * in one atomic commit. Two approvals racing for the same order conflict on the ledger's sequence numbers:
 * the second fails and records nothing.
 *
 * <p>Its id is {@code "order:" + orderId} (see {@link #ledgerId}), so it never collides with an
 * application's UUID in the event store.
 */
@Aggregate
public class OrderRefundLedger {

    static final String ID_PREFIX = "order:";

    @AggregateIdentifier
    private String ledgerId;
    private String orderId;
    private Money paidAmount;
    private Money totalReserved;
    private final Map<String, Money> reservations = new HashMap<>();

    /** For Axon, which rebuilds the ledger from its events. */
    protected OrderRefundLedger() {
    }

    /** Opens the ledger with its first reservation. */
    OrderRefundLedger(String orderId, String applicationId, Money amount, Money paidAmount, Instant at) {
        requirePositive(amount);
        requireWithinPaid(Money.zero(paidAmount.currency()), amount, paidAmount, orderId);
        apply(new OrderRefundReserved(orderId, applicationId, amount, paidAmount, amount, at));
    }

    public static String ledgerId(String orderId) {
        return ID_PREFIX + orderId;
    }

    /**
     * Sets {@code amount} aside for an application.
     *
     * @param claimedPaid the paid amount the application states; it must be the ledger's (the first
     *                    application's statement is what the cap is counted against)
     */
    void reserve(String applicationId, Money amount, Money claimedPaid, Instant at) {
        requirePositive(amount);
        if (!amount.sameCurrencyAs(paidAmount) || !claimedPaid.sameCurrencyAs(paidAmount)) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", "approvedAmount.currency",
                    "Order " + orderId + " was paid in " + paidAmount.currency() + ", not " + amount.currency());
        }
        if (reservations.containsKey(applicationId)) {
            throw DomainException.conflict("ALREADY_RESERVED",
                    "Application " + applicationId + " already has " + reservations.get(applicationId)
                            + " reserved on order " + orderId);
        }
        requireWithinPaid(totalReserved, amount, paidAmount, orderId);
        apply(new OrderRefundReserved(orderId, applicationId, amount, paidAmount, totalReserved.plus(amount), at));
    }

    /** Gives back {@code amount} of what the application has reserved (all of it, or the part inspection cut). */
    void release(String applicationId, Money amount, Instant at) {
        Money reserved = reservations.get(applicationId);
        if (reserved == null || !amount.isPositive() || amount.isGreaterThan(reserved)) {
            // Callers release only what they reserved: anything else is a bug, not a client error.
            throw new IllegalStateException("cannot release " + amount + " for " + applicationId + " on order "
                    + orderId + ", which has " + reserved + " reserved");
        }
        apply(new OrderRefundReleased(orderId, applicationId, amount, totalReserved.minus(amount), at));
    }

    OrderRefundPosition position() {
        return new OrderRefundPosition(paidAmount, totalReserved);
    }

    OrderRefundPosition positionWithout(String applicationId) {
        Money own = reservations.get(applicationId);
        return new OrderRefundPosition(paidAmount, own == null ? totalReserved : totalReserved.minus(own));
    }

    private static void requirePositive(Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a reservation is positive, was " + amount);
        }
    }

    private static void requireWithinPaid(Money reserved, Money amount, Money paid, String orderId) {
        if (reserved.plus(amount).isGreaterThan(paid)) {
            throw DomainException.ruleViolation("ORDER_CAP_EXCEEDED", "approvedAmount",
                    "Order " + orderId + " was paid " + paid + " and has " + reserved
                            + " reserved for refunds already; " + amount + " more would exceed what was paid");
        }
    }

    @EventSourcingHandler
    void on(OrderRefundReserved event) {
        if (ledgerId == null) {
            ledgerId = ledgerId(event.orderId());
            orderId = event.orderId();
            paidAmount = event.paidAmount();
        }
        reservations.merge(event.applicationId(), event.amount(), Money::plus);
        totalReserved = event.totalReserved();
    }

    @EventSourcingHandler
    void on(OrderRefundReleased event) {
        Money left = reservations.get(event.applicationId()).minus(event.amount());
        if (left.isZero()) {
            reservations.remove(event.applicationId());
        } else {
            reservations.put(event.applicationId(), left);
        }
        totalReserved = event.totalReserved();
    }
}
