package io.refundledger.query.finance;

import io.refundledger.query.finance.ReportTotals.Granularity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * Finance reports over HTTP: the approved-but-unpaid queue, payouts by status, method and day, daily and monthly
 * totals by currency, and the reconciliation CSV. Periods are business days in {@code ledger.business-zone}; bad
 * parameters become 400 problem documents naming the parameter.
 */
@RestController
@RequestMapping("/api/finance")
@Tag(name = "finance reports", description = "Approved-but-unpaid queue, payouts, daily and monthly totals, reconciliation export")
public class FinanceReportController {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    static final int MAX_MONTHLY_DAYS = 5 * 366;

    private final FinanceReportQueries queries;

    public FinanceReportController(FinanceReportQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Applications approved and not yet paid out, approved longest ago first",
            description = "Includes applications whose payout is in progress or failed, and returns awaiting their goods; "
                    + "exchanges pay no money and are never listed. Each item says how long ago it was approved.")
    @ApiResponse(responseCode = "200", description = "One page of the queue, with what the whole queue still has to pay per currency")
    @ApiResponse(responseCode = "400", description = "limit or offset out of bounds; the problem names the `field`",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/approved-unpaid")
    public ApprovedUnpaidView approvedUnpaid(
            @Parameter(description = "Page size, 1 to " + Paging.MAX_LIMIT, schema = @Schema(defaultValue = "" + Paging.DEFAULT_LIMIT))
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "How many to skip", schema = @Schema(defaultValue = "0", minimum = "0"))
            @RequestParam(required = false) Integer offset) {
        return queries.answer(new ListApprovedUnpaid(Paging.of(limit, offset)));
    }

    @Operation(summary = "Payout attempts started in a period, by status, method and day",
            description = "`groups` counts and sums the attempts by start day, status, method and currency; `items` lists "
                    + "them oldest first, failed ones with their reason and attempt number. Use status=FAILED for failed payouts.")
    @ApiResponse(responseCode = "200", description = "The payouts of the period")
    @ApiResponse(responseCode = "400", description = "A parameter is malformed or out of bounds; the problem names the `field`",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/payouts")
    public PayoutListView payouts(
            @Parameter(description = "First business day, yyyy-MM-dd; default " + (DEFAULT_DAYS - 1) + " days before `to`")
            @RequestParam(required = false) String from,
            @Parameter(description = "Last business day, yyyy-MM-dd, at most " + MAX_DAYS + " days after `from`; default today")
            @RequestParam(required = false) String to,
            @Parameter(description = "Only attempts in this status", schema = @Schema(implementation = PayoutStatus.class))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only attempts by this method", schema = @Schema(implementation = io.refundledger.events.refund.PayoutMethod.class))
            @RequestParam(required = false) String method,
            @Parameter(description = "Page size, 1 to " + Paging.MAX_LIMIT, schema = @Schema(defaultValue = "" + Paging.DEFAULT_LIMIT))
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "How many to skip", schema = @Schema(defaultValue = "0", minimum = "0"))
            @RequestParam(required = false) Integer offset) {
        return queries.answer(new ListPayouts(period(from, to, MAX_DAYS), ListPayouts.statusNamed(status),
                ListPayouts.methodNamed(method), Paging.of(limit, offset)));
    }

    @Operation(summary = "Reconciliation export: one CSV line per payout attempt started in the period",
            description = "RFC 4180 with a header row: " + "started_at, completed_at, application_number, application_id, payout_id, "
                    + "attempt, method, amount, currency, status, external_reference, failure_reason. Times carry the business zone's offset.")
    @ApiResponse(responseCode = "200", description = "The CSV", content = @Content(mediaType = "text/csv"))
    @ApiResponse(responseCode = "400", description = "A parameter is malformed or out of bounds; the problem names the `field`",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = "/payouts.csv")
    public ResponseEntity<byte[]> payoutsCsv(
            @Parameter(description = "First business day, yyyy-MM-dd; default " + (DEFAULT_DAYS - 1) + " days before `to`")
            @RequestParam(required = false) String from,
            @Parameter(description = "Last business day, yyyy-MM-dd, at most " + MAX_DAYS + " days after `from`; default today")
            @RequestParam(required = false) String to) {
        ReportPeriod period = period(from, to, MAX_DAYS);
        byte[] csv = PayoutsCsv.write(queries.payoutsIn(period), queries.businessZone()).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(PayoutsCsv.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"payouts-" + period.from() + "-" + period.to() + ".csv\"")
                .body(csv);
    }

    @Operation(summary = "Money approved, paid out and failed per business day and currency")
    @ApiResponse(responseCode = "200", description = "One row per day and currency with any money, and the totals of the period")
    @ApiResponse(responseCode = "400", description = "A parameter is malformed or out of bounds; the problem names the `field`",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/reports/daily")
    public FinanceTotalsView daily(
            @Parameter(description = "First business day, yyyy-MM-dd; default " + (DEFAULT_DAYS - 1) + " days before `to`")
            @RequestParam(required = false) String from,
            @Parameter(description = "Last business day, yyyy-MM-dd, at most " + MAX_DAYS + " days after `from`; default today")
            @RequestParam(required = false) String to) {
        return queries.answer(new ReportTotals(period(from, to, MAX_DAYS), Granularity.DAY));
    }

    @Operation(summary = "Money approved, paid out and failed per month and currency",
            description = "Sums the business days of each month that lie within [from, to].")
    @ApiResponse(responseCode = "200", description = "One row per month and currency with any money, and the totals of the period")
    @ApiResponse(responseCode = "400", description = "A parameter is malformed or out of bounds; the problem names the `field`",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/reports/monthly")
    public FinanceTotalsView monthly(
            @Parameter(description = "First business day, yyyy-MM-dd; default the first day of the month eleven months before `to`")
            @RequestParam(required = false) String from,
            @Parameter(description = "Last business day, yyyy-MM-dd, at most " + MAX_MONTHLY_DAYS + " days after `from`; default today")
            @RequestParam(required = false) String to) {
        String start = from;
        if (start == null || start.isBlank()) {
            // The default range is a year of whole months ending with the month of `to`.
            ReportPeriod end = period(null, to, MAX_MONTHLY_DAYS);
            start = end.to().withDayOfMonth(1).minusMonths(11).toString();
        }
        return queries.answer(new ReportTotals(period(start, to, MAX_MONTHLY_DAYS), Granularity.MONTH));
    }

    private ReportPeriod period(String from, String to, int maxDays) {
        return ReportPeriod.of(from, to, queries.today(), DEFAULT_DAYS, maxDays);
    }
}
