package io.refundledger.query.audit;

import io.refundledger.infrastructure.security.AuthenticatedActor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Records every call to {@code /api/audit/**} in the {@link AuditAccessLog}, whichever controller answers it, so
 * endpoints added later are audited without code of their own. Runs after Spring Security (it is registered
 * with the default, lowest filter order), so the caller is known. Calls security refuses never get here; they
 * are recorded by {@link AuditAccessDenials}.
 */
public class AuditAccessLogFilter extends OncePerRequestFilter {

    public static final String URL_PATTERN = "/api/audit/*";

    private static final Logger log = LoggerFactory.getLogger(AuditAccessLogFilter.class);

    private final AuditAccessLog accessLog;
    private final Clock clock;

    public AuditAccessLogFilter(AuditAccessLog accessLog, Clock clock) {
        this.accessLog = accessLog;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // An exception escaping the application becomes a 500 after this filter; record it as such.
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            record(request, status);
        }
    }

    private void record(HttpServletRequest request, int status) {
        var actor = AuthenticatedActor.current();
        String user = actor.map(AuthenticatedActor::username).orElse(null);
        List<String> roles = actor.map(AuthenticatedActor::roleNames).orElse(List.of());
        try {
            accessLog.record(user, roles, request.getMethod(), request.getRequestURI(), request.getQueryString(), status,
                    clock.instant());
        } catch (RuntimeException e) {
            // The answer has gone out already; losing the entry must at least be loud.
            log.error("Could not record audit access by {} to {} {}", user, request.getMethod(), request.getRequestURI(), e);
        }
    }
}
