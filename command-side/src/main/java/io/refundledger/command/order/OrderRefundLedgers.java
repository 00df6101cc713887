package io.refundledger.command.order;

import io.refundledger.events.common.Money;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Reads and changes order refund ledgers through Axon's repository, inside the caller's unit of work: a
 * reservation made while approving an application is committed together with the approval, or not at all.
 */
@Component
public class OrderRefundLedgers {

    private final Repository<OrderRefundLedger> ledgers;

    public OrderRefundLedgers(@Qualifier("orderRefundLedgerRepository") Repository<OrderRefundLedger> ledgers) {
        this.ledgers = ledgers;
    }

    /** The order's ledger as it stands, {@link OrderRefundPosition#none()} when nothing was ever reserved. */
    public OrderRefundPosition positionOf(String orderId) {
        Aggregate<OrderRefundLedger> ledger = existing(orderId);
        return ledger == null ? OrderRefundPosition.none() : ledger.invoke(OrderRefundLedger::position);
    }

    /**
     * The ledger as the order's other applications hold it: what {@code applicationId} itself has reserved is left
     * out. An approval judged on a stale copy of its application (another instance approved it a moment ago) then
     * meets its own reservation as {@code 409 ALREADY_RESERVED}, not as a cap it would exceed.
     */
    public OrderRefundPosition positionOf(String orderId, String applicationId) {
        Aggregate<OrderRefundLedger> ledger = existing(orderId);
        return ledger == null ? OrderRefundPosition.none() : ledger.invoke(l -> l.positionWithout(applicationId));
    }

    /**
     * Sets {@code amount} of the order aside for the application, opening the ledger on the first reservation.
     *
     * @throws io.refundledger.infrastructure.errors.DomainException {@code ORDER_CAP_EXCEEDED} when the order's
     *                                                               reservations would exceed what was paid
     */
    public void reserve(String orderId, String applicationId, Money amount, Money paidAmount, Instant at) {
        Aggregate<OrderRefundLedger> ledger = existing(orderId);
        if (ledger == null) {
            try {
                ledgers.newInstance(() -> new OrderRefundLedger(orderId, applicationId, amount, paidAmount, at));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } else {
            ledger.execute(l -> l.reserve(applicationId, amount, paidAmount, at));
        }
    }

    /** Gives back {@code amount} of the application's reservation. */
    public void release(String orderId, String applicationId, Money amount, Instant at) {
        Aggregate<OrderRefundLedger> ledger = existing(orderId);
        if (ledger == null) {
            throw new IllegalStateException("order " + orderId + " has no refund ledger to release from");
        }
        ledger.execute(l -> l.release(applicationId, amount, at));
    }

    private Aggregate<OrderRefundLedger> existing(String orderId) {
        try {
            return ledgers.load(OrderRefundLedger.ledgerId(orderId));
        } catch (AggregateNotFoundException e) {
            return null;
        }
    }
}
