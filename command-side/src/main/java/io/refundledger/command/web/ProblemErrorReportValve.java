package io.refundledger.command.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors Tomcat answers itself, before the application sees the request (a request line or headers too long to
 * parse, say a 10,000-character id in the path), as problem documents instead of Tomcat's HTML page. Everything the
 * application answers has its body already and is left alone.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private static final String TYPE_BASE = "https://refund-ledger.dev/problems/";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = status == 400 ? "REQUEST_UNREADABLE" : known == null ? "HTTP_" + status : known.name();
        String detail = status == 400 ? "The request could not be read: its request line or headers are malformed, "
                + "or longer than server.max-http-request-header-size (8 KB by default) together." : "The request could not be handled.";
        String json = "{\"type\":\"" + TYPE_BASE + code.toLowerCase().replace('_', '-') + "\",\"title\":\""
                + (known == null ? "Error" : known.getReasonPhrase()) + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more; the status line is all it gets.
        }
    }
}
