package io.refundledger.command.web;

import io.refundledger.infrastructure.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads how the customer reached us from {@code X-Customer-Channel} ({@code ONLINE}: app, web, self-service;
 * {@code OFFLINE}: phone, counter), for the refund analytics. The header is optional; an unknown value is refused
 * before anything else happens (no application number issued, no idempotency key claimed), so it changes nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CustomerChannelFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Customer-Channel";
    /** The request attribute holding the normalised channel, read by the command origin interceptor. */
    public static final String ATTRIBUTE = "io.refundledger.command.web.CustomerChannelFilter.channel";
    static final List<String> CHANNELS = List.of("ONLINE", "OFFLINE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String offered = request.getHeader(HEADER);
        if (offered != null && !offered.isBlank()) {
            String channel = offered.strip().toUpperCase(Locale.ROOT);
            if (!CHANNELS.contains(channel)) {
                ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "UNKNOWN_CUSTOMER_CHANNEL", HEADER,
                        HEADER + " must be one of " + CHANNELS + " (or left out)");
                return;
            }
            request.setAttribute(ATTRIBUTE, channel);
        }
        chain.doFilter(request, response);
    }
}
