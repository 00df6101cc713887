package io.refundledger.query.order;

import io.refundledger.infrastructure.errors.DomainException;
import org.springframework.stereotype.Service;

/** Answers questions about an order's refunds from its summary document. */
@Service
public class OrderRefundQueries {

    private final OrderRefundsStore store;

    public OrderRefundQueries(OrderRefundsStore store) {
        this.store = store;
    }

    public OrderRefundsView answer(FindOrderRefunds question) {
        return store.find(question.orderId()).orElseThrow(() -> DomainException.notFound("ORDER_REFUNDS_NOT_FOUND",
                "No refund application for order " + question.orderId() + "."));
    }
}
