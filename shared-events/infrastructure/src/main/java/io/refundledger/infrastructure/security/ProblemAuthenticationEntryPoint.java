package io.refundledger.infrastructure.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * 401 as a problem document ({@code UNAUTHENTICATED}), with the challenge of the configured mode (no Basic challenge
 * for a page's script, see {@link #commence}).
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    public static final String CODE = "UNAUTHENTICATED";

    private final LedgerSecurityProperties.Mode mode;

    public ProblemAuthenticationEntryPoint(LedgerSecurityProperties.Mode mode) {
        this.mode = mode;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean credentialsSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        if (mode == LedgerSecurityProperties.Mode.JWT) {
            // RFC 6750: say that the token was bad (not just missing), without saying why.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, failure instanceof InvalidBearerTokenException || credentialsSent
                    ? "Bearer error=\"invalid_token\"" : "Bearer");
        } else if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            // A page's script marks its calls: a Basic challenge would make the browser pop up its own password
            // dialog over the page, which sends the user to its sign-in form instead.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"refund-ledger\"");
        }
        ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, CODE, credentialsSent
                ? "The credentials were not accepted."
                : "Authentication is required.");
    }
}
