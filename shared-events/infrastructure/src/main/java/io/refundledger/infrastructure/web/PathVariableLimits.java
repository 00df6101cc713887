package io.refundledger.infrastructure.web;

import io.refundledger.infrastructure.errors.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Locale;
import java.util.Map;

/**
 * Ids in the path ({@code applicationId}, {@code subscriptionId}, {@code orderId}…) are held to a maximum length
 * before anything is looked up with them: 400 {@code <NAME>_TOO_LONG} naming the variable. No stored id is longer
 * (the command side limits every id it accepts to the same length), so a longer one could only miss. Whatever their
 * characters, ids only ever reach the store as plain string values, never as a query.
 */
public class PathVariableLimits implements HandlerInterceptor {

    private final int maxLength;

    public PathVariableLimits(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                String text = String.valueOf(value).strip();
                if (text.codePointCount(0, text.length()) > maxLength) {
                    String field = String.valueOf(name);
                    throw DomainException.invalid(codeFor(field), field, field + " must not exceed " + maxLength + " characters");
                }
            });
        }
        return true;
    }

    /** {@code applicationId} → {@code APPLICATION_ID_TOO_LONG}. */
    static String codeFor(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_TOO_LONG";
    }
}
