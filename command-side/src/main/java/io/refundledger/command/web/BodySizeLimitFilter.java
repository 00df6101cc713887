package io.refundledger.command.web;

import io.refundledger.infrastructure.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a request body larger than {@code ledger.limits.max-body-size} (413 {@code BODY_TOO_LARGE}) before anything
 * parses it, authenticates it or stores anything. A declared {@code Content-Length} is judged at once; a body sent
 * chunked, of unknown length, is read up to one byte past the limit, so an endless body costs at most that much memory.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final int maxBytes;

    public BodySizeLimitFilter(LimitsProperties limits) {
        this.maxBytes = (int) limits.maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response);
            return;
        }
        if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                refuse(request, response);
                return;
            }
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE",
                "The request body must not exceed " + maxBytes + " bytes (ledger.limits.max-body-size).");
    }
}
