package io.refundledger.query.analytics.refund;

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

/** Refund-reason analytics over HTTP. Errors become problem documents in the shared advice. */
@RestController
@RequestMapping("/api/analytics")
@Tag(name = "analytics", description = "Which reasons, products, customer groups and channels drive refunds and cancellations")
public class RefundAnalyticsController {

    private final RefundAnalyticsQueries queries;

    public RefundAnalyticsController(RefundAnalyticsQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Refund applications broken down by reason, product, customer segment or channel, with a trend "
            + "per day, week or month and the top products",
            description = """
                    A cohort view: every application counts in the period of its **first submission** (business day in the \
                    business zone, `ledger.business-zone`), with the reason category of its latest (re)submission, and by \
                    where it stands now. So figures of past periods still change while their applications are decided and paid.

                    * `approvalRate` = approved ÷ decided, where approved = applications standing approved (including those \
                    paid out or exchanged since) and decided = approved + standing rejected + withdrawn. A rejected \
                    application that is resubmitted is open again until it is decided anew.
                    * Time to resolution runs from the first submission to the resolution that stands: payout completed, \
                    rejection, withdrawal, or shipment of the replacement for an exchange. Average and p90 are over the \
                    resolved applications only; p90 is by nearest rank and within 1 % (log-scale buckets of ratio 1.02, see DurationBuckets).
                    * Money is per currency, never added across currencies. Shares are 0 to 1: a group's of the range's \
                    total, a period's of the range's total, a period's group's of the period's total.
                    * Weeks are ISO weeks (Monday to Sunday, labelled like 2026-W48); the first and last period are clipped \
                    to the range. A range spans at most 366 days by DAY, 731 by WEEK, 1827 by MONTH.
                    """)
    @ApiResponse(responseCode = "200", description = "The breakdown")
    @ApiResponse(responseCode = "400", description = "A bad parameter; the problem names it in `field` and the rule in `code`: "
            + "MISSING_PARAMETER, INVALID_PARAMETER (not a date, unknown granularity, groupBy, reason or channel, top out "
            + "of bounds), ANALYTICS_RANGE_INVALID (to before from), ANALYTICS_RANGE_TOO_LONG",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/refund-reasons")
    public RefundReasonBreakdownView refundReasons(
            @Parameter(description = "First day, ISO date, business zone; required", example = "2026-11-01")
            @RequestParam(required = false) String from,
            @Parameter(description = "Last day (included), ISO date, business zone; required, not before from", example = "2026-11-30")
            @RequestParam(required = false) String to,
            @Parameter(description = "Periods of the trend", schema = @Schema(allowableValues = {"DAY", "WEEK", "MONTH"}, defaultValue = "DAY"))
            @RequestParam(required = false) String granularity,
            @Parameter(description = "Dimension of the breakdown", schema = @Schema(allowableValues = {"REASON", "PRODUCT", "SEGMENT", "CHANNEL"}, defaultValue = "REASON"))
            @RequestParam(required = false) String groupBy,
            @Parameter(description = "Only this reason category", example = "PRODUCT_QUALITY")
            @RequestParam(required = false) String reason,
            @Parameter(description = "Only this product; UNKNOWN for applications that named none", example = "CRM-PRO")
            @RequestParam(required = false) String productId,
            @Parameter(description = "Only this customer segment; UNKNOWN for applications that named none", example = "SMB")
            @RequestParam(required = false) String segment,
            @Parameter(description = "Only this channel", schema = @Schema(allowableValues = {"ONLINE", "OFFLINE", "UNKNOWN"}))
            @RequestParam(required = false) String channel,
            @Parameter(description = "Entries per top-product list, 1 to " + AnalyticsParameters.MAX_TOP,
                    schema = @Schema(defaultValue = "" + AnalyticsParameters.DEFAULT_TOP, minimum = "1", maximum = "" + AnalyticsParameters.MAX_TOP))
            @RequestParam(required = false) Integer top) {
        return queries.answer(FindRefundReasonBreakdown.of(from, to, granularity, groupBy, reason, productId, segment,
                channel, top));
    }
}
