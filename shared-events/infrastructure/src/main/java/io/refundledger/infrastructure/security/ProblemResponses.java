package io.refundledger.infrastructure.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes RFC 7807 problem documents from servlet filters, which run before Spring MVC and so cannot use
 * {@link io.refundledger.infrastructure.web.ProblemDocumentAdvice}; same shape as the advice's documents:
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, {@code code}.
 */
public final class ProblemResponses {

    private static final String TYPE_BASE = "https://refund-ledger.dev/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                             String detail) throws IOException {
        write(request, response, status, code, null, detail);
    }

    /** A problem about one request field (or header), named in {@code field} as the advice does. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                             String field, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.toLowerCase().replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("code", code);
        if (field != null) {
            body.put("field", field);
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
