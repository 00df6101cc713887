package io.refundledger.query.audit;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.security.AuthenticatedActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The audit trail for disputes over HTTP (AUDITOR and ADMIN; every call is itself logged). */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    static final int DEFAULT_ACCESS_LOG_LIMIT = 50;

    private final AuditQueries queries;
    private final AuditAccessLog accessLog;

    public AuditController(AuditQueries queries, AuditAccessLog accessLog) {
        this.queries = queries;
        this.accessLog = accessLog;
    }

    @Operation(summary = "Every recorded event of a refund application, oldest first, with who, through which "
            + "request, and a description in Chinese and English")
    @ApiResponse(responseCode = "200", description = "The history")
    @ApiResponse(responseCode = "404", description = "Nothing recorded (code AUDIT_HISTORY_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/refunds/{applicationId}/history")
    public AuditHistoryView history(@PathVariable String applicationId) {
        return queries.history(applicationId);
    }

    @Operation(summary = "Every recorded event of a subscription (start, renewals, seats, cancellation, settlement "
            + "lines, export, deactivation, termination, the linked refund, the purge), oldest first, with who, through "
            + "which request, and a description in Chinese and English. Personal data appears as ciphertext only.")
    @ApiResponse(responseCode = "200", description = "The history")
    @ApiResponse(responseCode = "404", description = "No subscription with that id recorded (code AUDIT_HISTORY_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/subscriptions/{subscriptionId}/history")
    public AuditHistoryView subscriptionHistory(@PathVariable String subscriptionId) {
        return queries.subscriptionHistory(subscriptionId);
    }

    @Operation(summary = "The histories of all of a customer's refund applications and subscriptions, merged in log order")
    @GetMapping("/customers/{customerId}/history")
    public CustomerAuditHistoryView customerHistory(@PathVariable String customerId) {
        return queries.customerHistory(customerId);
    }

    @Operation(summary = "A refund application as it stood at an instant or a global position, including the "
            + "policy evaluation a reviewer saw then; give exactly one of asOf and position")
    @ApiResponse(responseCode = "400", description = "Neither or both given, or unreadable (codes MISSING_PARAMETER, "
            + "INVALID_POINT_IN_LOG)", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/refunds/{applicationId}/state")
    public RefundStateView state(@PathVariable String applicationId,
                                 @Parameter(description = "ISO-8601 instant, e.g. 2026-11-23T02:15:00Z")
                                 @RequestParam(required = false) String asOf,
                                 @Parameter(description = "Global position in the event log")
                                 @RequestParam(required = false) String position) {
        boolean hasAsOf = asOf != null && !asOf.isBlank();
        boolean hasPosition = position != null && !position.isBlank();
        if (hasAsOf == hasPosition) {
            throw DomainException.invalid("MISSING_PARAMETER", "asOf", "Give exactly one of asOf and position.");
        }
        PointInLog point = hasAsOf ? PointInLog.parse(asOf, "asOf") : PointInLog.parse(position, "position");
        if (hasAsOf && point.at() == null || hasPosition && point.position() == null) {
            throw DomainException.invalid("INVALID_POINT_IN_LOG", hasAsOf ? "asOf" : "position",
                    hasAsOf ? "asOf must be an ISO-8601 instant." : "position must be a global position.");
        }
        return queries.stateAt(applicationId, point);
    }

    @Operation(summary = "What changed between two points (each a global position or an instant): both states, "
            + "the fields that differ and the events in between")
    @GetMapping("/refunds/{applicationId}/changes")
    public RefundChangesView changes(@PathVariable String applicationId, @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to) {
        return queries.changes(applicationId, PointInLog.parse(from, "from"), PointInLog.parse(to, "to"));
    }

    @Operation(summary = "Dispute dossier: history, status transitions, policy evaluations, decisions, "
            + "notifications, payouts and the signed log digest, as JSON")
    @GetMapping(value = "/refunds/{applicationId}/dossier", produces = MediaType.APPLICATION_JSON_VALUE)
    public DisputeDossier dossier(@PathVariable String applicationId) {
        return queries.dossier(applicationId, currentUser());
    }

    @Operation(summary = "The same dossier as a printable HTML document with Chinese and English labels")
    @GetMapping(value = "/refunds/{applicationId}/dossier.html", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> dossierHtml(@PathVariable String applicationId) {
        String html = DossierHtml.render(queries.dossier(applicationId, currentUser()));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
    }

    @Operation(summary = "The newest calls to the audit endpoints, newest first")
    @GetMapping("/access-log")
    public List<AccessLogEntry> accessLog(@Parameter(description = "How many, 1 to " + AuditAccessLog.RECENT)
                                          @RequestParam(required = false) Integer limit) {
        int n = limit == null ? DEFAULT_ACCESS_LOG_LIMIT : limit;
        if (n < 1 || n > AuditAccessLog.RECENT) {
            throw DomainException.invalid("INVALID_LIMIT", "limit", "limit must be between 1 and " + AuditAccessLog.RECENT + ".");
        }
        return accessLog.newest(n);
    }

    private static String currentUser() {
        return AuthenticatedActor.current().map(AuthenticatedActor::username).orElse(null);
    }
}
