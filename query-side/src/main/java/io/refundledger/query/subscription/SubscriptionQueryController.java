package io.refundledger.query.subscription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Subscription status and cancellation progress over HTTP. Errors become problem documents in the shared advice. */
@RestController
public class SubscriptionQueryController {

    private final SubscriptionQueries queries;

    public SubscriptionQueryController(SubscriptionQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Where a subscription stands",
            description = "Plan, seats, current term, what was prepaid and the discount, the contract terms, auto-renewal, "
                    + "the contact (until the retention period ends), renewals, seat changes, refused cancellations, the "
                    + "cancellation in progress with every step, the settlement line by line and the linked refund, who "
                    + "holds it now and what is next.")
    @ApiResponse(responseCode = "200", description = "The subscription")
    @ApiResponse(responseCode = "404", description = "No such subscription (code SUBSCRIPTION_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/subscriptions/{subscriptionId}")
    public SubscriptionStatusView status(@Parameter(description = "Subscription id", example = "SUB-2026-0042")
                                         @PathVariable String subscriptionId) {
        return queries.answer(new FindSubscriptionStatus(subscriptionId));
    }

    @Operation(summary = "Just the cancellation progress of a subscription: steps, settlement lines, the linked refund, "
            + "who holds it and what is next; revoked cancellations are listed as past ones")
    @ApiResponse(responseCode = "200", description = "The cancellation progress")
    @ApiResponse(responseCode = "404", description = "No such subscription (SUBSCRIPTION_NOT_FOUND), or it was never "
            + "asked to cancel (SUBSCRIPTION_CANCELLATION_NOT_FOUND)", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/subscriptions/{subscriptionId}/cancellation")
    public SubscriptionCancellationView cancellation(@PathVariable String subscriptionId) {
        return queries.answer(new FindSubscriptionCancellation(subscriptionId));
    }

    @Operation(summary = "A customer's subscriptions, newest first")
    @ApiResponse(responseCode = "200", description = "The subscriptions, possibly none")
    @GetMapping("/api/customers/{customerId}/subscriptions")
    public List<SubscriptionStatusView> ofCustomer(@PathVariable String customerId) {
        return queries.answer(new ListCustomerSubscriptions(customerId));
    }
}
