package io.refundledger.query.kpi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff KPIs (绩效考核) over HTTP. Errors become problem documents in the shared advice. */
@RestController
@RequestMapping("/api/kpis/staff")
@Tag(name = "staff KPIs", description = "How fast and how well each staff member and team handles refund applications")
public class StaffKpiController {

    private static final String FROM = "First business day counted (ISO date, business zone, inclusive); default: 29 days before `to`";
    private static final String TO = "Last business day counted (ISO date, business zone, inclusive); default: today. "
            + "At most " + KpiRange.MAX_DAYS + " days in all";
    private static final String GRANULARITY = "Periods to report: business days, ISO weeks (Monday to Sunday), calendar "
            + "months, or the whole range as one; periods are clipped to the range";

    private final StaffKpiQueries queries;

    public StaffKpiController(StaffKpiQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "KPIs of every staff member and team per period, and a leaderboard over the whole range",
            description = "Decisions handled, approved and rejected, approval rate; median and p90 review time (assigned "
                    + "to the decider, else the last (re)submission, to the decision) and end-to-end time (submitted to "
                    + "paid, credited to the approving reviewer), both nearest rank within 1 %; SLA breaches; "
                    + "information requests sent; average customer rating; reopened rate (rejections later resubmitted). "
                    + "Outcomes (payout time, rating, "
                    + "reopening) count in the period of the decision they came from. Teams are those configured now "
                    + "under ledger.staff.teams; unlisted staff are in team `unassigned`.")
    @ApiResponse(responseCode = "200", description = "Rows for staff and teams with activity, and the leaderboard")
    @ApiResponse(responseCode = "400", description = "A bad parameter (codes INVALID_PARAMETER, INVALID_DATE_RANGE); "
            + "the problem names the `field`", content = @Content(mediaType = "application/problem+json"))
    @GetMapping
    public StaffKpisView staff(
            @Parameter(description = FROM, example = "2026-11-01") @RequestParam(required = false) String from,
            @Parameter(description = TO, example = "2026-11-30") @RequestParam(required = false) String to,
            @Parameter(description = GRANULARITY, schema = @Schema(implementation = Granularity.class, defaultValue = "DAY"))
            @RequestParam(required = false) String granularity,
            @Parameter(description = "Only staff of this team (a configured team, or `unassigned`)", example = "review-east")
            @RequestParam(required = false) String team,
            @Parameter(description = "What the leaderboard ranks by: more handled, higher approval rate, shorter median "
                    + "review time, better rating, fewer SLA breaches",
                    schema = @Schema(allowableValues = {"handled", "approvalRate", "medianReviewTime", "rating", "slaBreaches"},
                            defaultValue = "handled"))
            @RequestParam(required = false) String sortBy,
            @Parameter(description = "Leaderboard length, 1 to " + FindStaffKpis.MAX_LIMIT,
                    schema = @Schema(defaultValue = "" + FindStaffKpis.DEFAULT_LIMIT, minimum = "1", maximum = "" + FindStaffKpis.MAX_LIMIT))
            @RequestParam(required = false) Integer limit) {
        return queries.answer(FindStaffKpis.of(from, to, granularity, team, sortBy, limit, queries.today()));
    }

    @Operation(summary = "One staff member's KPIs per period and over the whole range",
            description = "Every period of the range is listed, with zeros where nothing was recorded. A staff id with no "
                    + "activity gets zeros, not 404: staff are whoever acted, as recorded in the events.")
    @ApiResponse(responseCode = "200", description = "The staff member's figures")
    @ApiResponse(responseCode = "400", description = "A bad parameter (codes INVALID_PARAMETER, INVALID_DATE_RANGE); "
            + "the problem names the `field`", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{staffId}")
    public StaffMemberKpisView member(
            @Parameter(description = "The staff member's user name, as recorded as the actor of events", example = "reviewer")
            @PathVariable String staffId,
            @Parameter(description = FROM, example = "2026-11-01") @RequestParam(required = false) String from,
            @Parameter(description = TO, example = "2026-11-30") @RequestParam(required = false) String to,
            @Parameter(description = GRANULARITY, schema = @Schema(implementation = Granularity.class, defaultValue = "DAY"))
            @RequestParam(required = false) String granularity) {
        return queries.answer(FindStaffMemberKpis.of(staffId, from, to, granularity, queries.today()));
    }
}
