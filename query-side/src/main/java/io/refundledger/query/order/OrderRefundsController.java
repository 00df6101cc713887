package io.refundledger.query.order;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An order's refunds over HTTP. Errors become problem documents in the shared advice. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "How much of an order has been refunded, and through which applications")
public class OrderRefundsController {

    private final OrderRefundQueries queries;

    public OrderRefundsController(OrderRefundQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "All refund applications of an order and its totals per currency: paid, requested, approved, "
            + "reserved in the order ledger, paid out")
    @ApiResponse(responseCode = "200", description = "The order's refunds")
    @ApiResponse(responseCode = "404", description = "No refund application was ever made for this order (code ORDER_REFUNDS_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{orderId}/refunds")
    public OrderRefundsView refunds(@Parameter(description = "The order id as the CRM knows it", example = "SO-20261101-7")
                                    @PathVariable String orderId) {
        return queries.answer(new FindOrderRefunds(orderId));
    }
}
