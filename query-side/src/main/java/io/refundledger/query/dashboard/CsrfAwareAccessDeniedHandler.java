package io.refundledger.query.dashboard;

import io.refundledger.infrastructure.security.ProblemAccessDeniedHandler;
import io.refundledger.infrastructure.security.ProblemResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;

/**
 * 403 as a problem document, naming a missing or wrong CSRF token as such ({@code CSRF_TOKEN_INVALID}): "your roles do
 * not allow" would send the user looking for the wrong cause. Every other refusal is the usual {@code FORBIDDEN}.
 */
class CsrfAwareAccessDeniedHandler implements AccessDeniedHandler {

    static final String CODE = "CSRF_TOKEN_INVALID";

    private final ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (denied instanceof CsrfException) {
            ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, CODE, "This request rides on a signed-in session "
                    + "and needs the CSRF token of that session (cookie XSRF-TOKEN, sent back as header X-XSRF-TOKEN or form "
                    + "field _csrf). Reload the page and try again.");
        } else {
            forbidden.handle(request, response, denied);
        }
    }
}
