package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.analytics.AnalyticsParameters;
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

/** Cancellation-reason analytics over HTTP. Errors become problem documents in the shared advice. */
@RestController
@RequestMapping("/api/analytics")
@Tag(name = "analytics", description = "Which reasons, products, customer groups and channels drive refunds and cancellations")
public class CancellationAnalyticsController {

    private final CancellationAnalyticsQueries queries;

    public CancellationAnalyticsController(CancellationAnalyticsQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Subscription cancellations (退订) broken down by reason, plan, product, customer segment, effect "
            + "or channel, with a trend per day, week or month and the top products",
            description = """
                    A cohort view: a cancellation request counts in the period of its **request day** in the business zone \
                    (`ledger.business-zone`), with the subscription's plan, product and segment, and by where it stands now \
                    (open, revoked or terminated). A refused attempt (e.g. too little notice for an end-of-term cancellation) \
                    is not a request; it counts under `refused` on the day it was refused.

                    * `netRefund` sums the settlements' net refunds of terminated requests; `refundPaid` what the linked \
                    refund applications paid out. Money is per currency, never added across currencies.
                    * Days to termination are calendar days from the request's day to the termination's day, over \
                    terminated requests; p90 is by nearest rank and exact.
                    * Shares are 0 to 1: a group's of the range's total, a period's of the range's total, a period's \
                    group's of the period's total.
                    * Weeks are ISO weeks (Monday to Sunday, labelled like 2026-W48); the first and last period are clipped \
                    to the range. A range spans at most 366 days by DAY, 731 by WEEK, 1827 by MONTH.
                    """)
    @ApiResponse(responseCode = "200", description = "The breakdown")
    @ApiResponse(responseCode = "400", description = "A bad parameter; the problem names it in `field` and the rule in `code`: "
            + "MISSING_PARAMETER, INVALID_PARAMETER (not a date, unknown granularity, groupBy, reason, effect or channel, "
            + "top out of bounds), ANALYTICS_RANGE_INVALID (to before from), ANALYTICS_RANGE_TOO_LONG",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/cancellation-reasons")
    public CancellationReasonBreakdownView cancellationReasons(
            @Parameter(description = "First day, ISO date, business zone; required", example = "2026-11-01")
            @RequestParam(required = false) String from,
            @Parameter(description = "Last day (included), ISO date, business zone; required, not before from", example = "2026-11-30")
            @RequestParam(required = false) String to,
            @Parameter(description = "Periods of the trend", schema = @Schema(allowableValues = {"DAY", "WEEK", "MONTH"}, defaultValue = "DAY"))
            @RequestParam(required = false) String granularity,
            @Parameter(description = "Dimension of the breakdown",
                    schema = @Schema(allowableValues = {"REASON", "PLAN", "PRODUCT", "SEGMENT", "EFFECT", "CHANNEL"}, defaultValue = "REASON"))
            @RequestParam(required = false) String groupBy,
            @Parameter(description = "Only this cancellation reason", example = "PRICE")
            @RequestParam(required = false) String reason,
            @Parameter(description = "Only this plan", example = "PRO-ANNUAL")
            @RequestParam(required = false) String planCode,
            @Parameter(description = "Only this product; UNKNOWN for subscriptions that named none", example = "CRM-PRO")
            @RequestParam(required = false) String productId,
            @Parameter(description = "Only this customer segment; UNKNOWN when not stated", example = "SMB")
            @RequestParam(required = false) String segment,
            @Parameter(description = "Only this effect", schema = @Schema(allowableValues = {"IMMEDIATELY", "END_OF_TERM"}))
            @RequestParam(required = false) String effect,
            @Parameter(description = "Only this channel", schema = @Schema(allowableValues = {"ONLINE", "OFFLINE", "UNKNOWN"}))
            @RequestParam(required = false) String channel,
            @Parameter(description = "Entries per top-product list, 1 to " + AnalyticsParameters.MAX_TOP,
                    schema = @Schema(defaultValue = "" + AnalyticsParameters.DEFAULT_TOP, minimum = "1", maximum = "" + AnalyticsParameters.MAX_TOP))
            @RequestParam(required = false) Integer top) {
        return queries.answer(FindCancellationReasonBreakdown.of(from, to, granularity, groupBy, reason, planCode,
                productId, segment, effect, channel, top));
    }
}
