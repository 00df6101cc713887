package io.refundledger.query.audit;

import io.refundledger.infrastructure.security.AuthenticatedActor;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Records refused attempts to call an audit endpoint: Spring Security answers them before any filter behind it
 * runs, so {@link AuditAccessLogFilter} never sees them, but its authorization filter publishes an
 * {@link AuthorizationDeniedEvent} for each. Someone probing the audit trail without the role is exactly what
 * auditors want to see.
 */
@Component
public class AuditAccessDenials {

    private static final Logger log = LoggerFactory.getLogger(AuditAccessDenials.class);
    private static final String AUDIT_PATHS = "/api/audit/";

    private final AuditAccessLog accessLog;
    private final Clock clock;

    public AuditAccessDenials(AuditAccessLog accessLog, ObjectProvider<Clock> clock) {
        this.accessLog = accessLog;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @EventListener
    public void on(AuthorizationDeniedEvent<?> denied) {
        if (!(denied.getSource() instanceof HttpServletRequest request)) {
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(AUDIT_PATHS)) {
            return;
        }
        Authentication authentication = denied.getAuthentication().get();
        boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken;
        var actor = anonymous ? java.util.Optional.<AuthenticatedActor>empty() : AuthenticatedActor.of(authentication);
        try {
            accessLog.record(actor.map(AuthenticatedActor::username).orElse(null),
                    actor.map(AuthenticatedActor::roleNames).orElse(List.of()), request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), anonymous ? 401 : 403, clock.instant());
        } catch (RuntimeException e) {
            log.error("Could not record the refused audit access to {} {}", request.getMethod(), path, e);
        }
    }
}
