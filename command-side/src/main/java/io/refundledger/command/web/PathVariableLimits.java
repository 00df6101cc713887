package io.refundledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Ids in the path ({@code applicationId}, {@code payoutId}, {@code subscriptionId}, {@code exportId}) are held to
 * {@link MaxLength#DEFAULT} before any aggregate is looked up with them: 400 {@code <NAME>_TOO_LONG} naming the
 * variable. Whatever their characters, they only ever reach the store as plain string values, never as a query.
 */
public class PathVariableLimits implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> TextLengthLimits.check(value, String.valueOf(name), MaxLength.DEFAULT));
        }
        return true;
    }
}
