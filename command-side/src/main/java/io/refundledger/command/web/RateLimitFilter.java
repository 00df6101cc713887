package io.refundledger.command.web;

import io.refundledger.infrastructure.security.AuthenticatedActor;
import io.refundledger.infrastructure.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Answers 429 with {@code Retry-After} once a caller has used up its token bucket ({@code ledger.limits.rate}).
 * Runs after Spring Security, so the bucket is the authenticated user's, whichever address the requests come
 * from; requests without a user (the open health and API-description paths) share one bucket per remote address.
 * Runs before the idempotency filter: a throttled request claims no key and changes nothing.
 */
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 5)
public class RateLimitFilter extends OncePerRequestFilter {

    private final TokenBuckets buckets;
    private final LimitsProperties.Rate rate;

    public RateLimitFilter(TokenBuckets buckets, LimitsProperties.Rate rate) {
        this.buckets = buckets;
        this.rate = rate;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !rate.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = AuthenticatedActor.current().map(actor -> "user:" + actor.username())
                .orElseGet(() -> "address:" + request.getRemoteAddr());
        Duration wait = buckets.take(key);
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        // Retry-After is in whole seconds; rounding up never invites a retry that would be refused again.
        long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Too many requests: at most " + rate.requestsPerSecond() + " per second (bursts of " + rate.burst()
                        + ") per user. Retry after " + seconds + " s.");
    }
}
