package io.refundledger.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sensible token, otherwise a new
 * UUID. The id is echoed in the response (also on errors, which is when callers need it most) and ends up
 * in the metadata of every event the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    /** The request attribute controllers read the id from. */
    public static final String ATTRIBUTE = "io.refundledger.command.web.RequestIdFilter.requestId";

    /** The id is stored with every event, so arbitrary text (or kilobytes of it) is not accepted. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = resolve(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(HEADER, requestId);
        chain.doFilter(request, response);
    }

    static String resolve(String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
