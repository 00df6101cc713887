package io.refundledger.query.refund;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "Progress of one refund application, by its id or its number (RF-yyyyMMdd-NNNNNN)",
            description = "Every step with who took it and when, the policy evaluation with each deduction, who holds "
                    + "the application now, what is expected next and by when, returns, inspection, payouts, rating "
                    + "and notifications.")
    @ApiResponse(responseCode = "200", description = "Where the application stands")
    @ApiResponse(responseCode = "404", description = "No such application (code REFUND_APPLICATION_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{idOrNumber}")
    public RefundProgressView progress(@Parameter(description = "Application id, or the number the customer quotes",
                                               example = "RF-20261123-000042")
                                       @PathVariable String idOrNumber) {
        return queries.answer(new FindRefundProgress(idOrNumber));
    }

    @Operation(summary = "Refund applications of an order and/or a customer, newest first; give at least one")
    @ApiResponse(responseCode = "200", description = "The applications, possibly none")
    @ApiResponse(responseCode = "400", description = "Neither orderId nor customerId given (code MISSING_PARAMETER, field orderId)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping
    public List<RefundProgressView> list(@Parameter(description = "Order id") @RequestParam(required = false) String orderId,
                                         @Parameter(description = "Customer id") @RequestParam(required = false) String customerId) {
        return queries.answer(new ListRefundProgress(orderId, customerId));
    }
}
