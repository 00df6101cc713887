package io.refundledger.query.finance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Finance's worklists over HTTP. Errors become problem documents in the shared advice. */
@RestController
@RequestMapping("/api/finance/refunds")
@Tag(name = "finance", description = "Worklists for finance: second approvals, payouts due, in progress and failed")
public class FinanceRefundController {

    private final FinanceRefundQueries queries;

    public FinanceRefundController(FinanceRefundQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Refund applications on a finance list, those waiting longest first",
            description = "APPROVED lists applications approved but not yet paid: plain refunds once approved, returns "
                    + "once the goods passed inspection.")
    @ApiResponse(responseCode = "200", description = "One page of the list")
    @ApiResponse(responseCode = "400", description = "Unknown status, or limit/offset out of bounds; the problem names the `field`",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping
    public FinanceRefundListView list(
            @Parameter(description = "Which list", schema = @Schema(implementation = FinanceQueue.class, defaultValue = "APPROVED"))
            @RequestParam(required = false) String status,
            @Parameter(description = "Page size, 1 to " + ListRefundsByStatus.MAX_LIMIT,
                    schema = @Schema(defaultValue = "" + ListRefundsByStatus.DEFAULT_LIMIT, minimum = "1", maximum = "" + ListRefundsByStatus.MAX_LIMIT))
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "How many to skip", schema = @Schema(defaultValue = "0", minimum = "0"))
            @RequestParam(required = false) Integer offset) {
        return queries.answer(ListRefundsByStatus.of(status, limit, offset));
    }
}
