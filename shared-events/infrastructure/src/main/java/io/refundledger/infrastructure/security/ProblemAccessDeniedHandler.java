package io.refundledger.infrastructure.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 403 as a problem document ({@code FORBIDDEN}): authenticated, but without a role this request needs. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    public static final String CODE = "FORBIDDEN";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, CODE,
                "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI() + ".");
    }
}
