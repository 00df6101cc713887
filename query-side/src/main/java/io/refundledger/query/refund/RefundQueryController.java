package io.refundledger.query.refund;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Refund progress over HTTP. Errors become problem documents in the shared advice. */
@RestController
@RequestMapping("/api/refunds")
public class RefundQueryController {

    private final RefundProgressQueries queries;

    public RefundQueryController(RefundProgressQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Progress of one refund application, by its id or its number (RF-yyyyMMdd-NNNNNN)")
    @GetMapping("/{idOrNumber}")
    public RefundProgressView progress(@PathVariable String idOrNumber) {
        return queries.answer(new FindRefundProgress(idOrNumber));
    }

    @Operation(summary = "Refund applications of an order and/or a customer, newest first; give at least one")
    @GetMapping
    public List<RefundProgressView> list(@RequestParam(required = false) String orderId,
                                         @RequestParam(required = false) String customerId) {
        return queries.answer(new ListRefundProgress(orderId, customerId));
    }
}
