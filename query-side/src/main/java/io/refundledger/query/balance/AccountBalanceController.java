package io.refundledger.query.balance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Customers' account balances over HTTP. Errors become problem documents in the shared advice. */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "balances", description = "Refunds paid out as account balance (账户余额)")
public class AccountBalanceController {

    private final AccountBalanceQueries queries;

    public AccountBalanceController(AccountBalanceQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "A customer's account balance per currency, with every refund credited to it")
    @ApiResponse(responseCode = "200", description = "The balance")
    @ApiResponse(responseCode = "404", description = "Nothing was ever credited to this customer (code ACCOUNT_BALANCE_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{customerId}/balance")
    public AccountBalanceView balance(@Parameter(description = "The customer id as the CRM knows it", example = "C-1001")
                                      @PathVariable String customerId) {
        return queries.answer(new FindAccountBalance(customerId));
    }
}
