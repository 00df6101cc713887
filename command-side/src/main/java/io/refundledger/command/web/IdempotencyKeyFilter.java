package io.refundledger.command.web;

import io.refundledger.command.web.IdempotencyKeys.Claimed;
import io.refundledger.command.web.IdempotencyKeys.Fingerprint;
import io.refundledger.command.web.IdempotencyKeys.InProgress;
import io.refundledger.command.web.IdempotencyKeys.Replay;
import io.refundledger.command.web.IdempotencyKeys.Reused;
import io.refundledger.command.web.IdempotencyKeys.StoredResponse;
import io.refundledger.infrastructure.security.AuthenticatedActor;
import io.refundledger.infrastructure.security.ProblemResponses;
import io.refundledger.infrastructure.web.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes every POST safe to retry: a request with an {@code Idempotency-Key} runs once per user and key.
 * A repeat of the same request (method, path and body bytes) gets the first response again and changes
 * nothing; the same key on a different request is refused (422 {@code IDEMPOTENCY_KEY_REUSED}); a repeat
 * while the first still runs is refused (409 {@code IDEMPOTENCY_KEY_IN_PROGRESS}). Outcomes 2xx and 4xx are
 * kept for good; a 5xx frees the key so the client can retry it. Controllers know nothing of this.
 *
 * <p>Runs after Spring Security (keys belong to the authenticated user, and a refused caller claims
 * nothing). The key also goes into the metadata of the command and its events, so a retry stays visible
 * in the history.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10)
public class IdempotencyKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);

    public static final String HEADER = "Idempotency-Key";
    /** Set on a response given again from storage. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /**
     * Set instead of {@link #ATTRIBUTE} when the key could not be checked (the database was unreachable): the
     * command-origin interceptor then refuses to dispatch, since the request might be a repeat of one already done.
     */
    public static final String UNCHECKED = "io.refundledger.command.web.IdempotencyKeyFilter.unchecked";
    /** The request attribute the command-origin interceptor reads the key from. */
    public static final String ATTRIBUTE = "io.refundledger.command.web.IdempotencyKeyFilter.key";

    /** Stored with every event of the request: printable ASCII, no spaces, at most 255 characters. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** What a repeat gets besides status and body; the request id stays the repeat's own. */
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION);

    private final IdempotencyKeys keys;

    public IdempotencyKeyFilter(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> offered = Collections.list(request.getHeaders(HEADER));
        if (offered.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String key = offered.get(0);
        if (offered.size() > 1 || !ACCEPTABLE.matcher(key).matches()) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "IDEMPOTENCY_KEY_INVALID",
                    HEADER + " must be one value of 1 to 255 printable ASCII characters without spaces.");
            return;
        }
        String principal = AuthenticatedActor.current().map(AuthenticatedActor::username).orElse(null);
        if (principal == null) {
            // Only reachable if a POST were ever opened to anonymous callers: keys are per user.
            chain.doFilter(request, response);
            return;
        }

        byte[] body = request.getInputStream().readAllBytes();
        Fingerprint fingerprint = new Fingerprint(request.getMethod(), pathOf(request), sha256(body));
        IdempotencyKeys.Claim claim;
        try {
            claim = keys.claim(principal, key, fingerprint);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            // The key cannot be checked while the database is down. The request is still judged, so bad input gets
            // its 4xx answer; any command it would send is refused with 503 (see UNCHECKED), and nothing is stored.
            request.setAttribute(UNCHECKED, key);
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        if (claim instanceof Claimed claimed) {
            run(new CachedBodyRequest(request, body), response, chain, key, claimed);
        } else if (claim instanceof Replay replay) {
            replay(replay.response(), response);
        } else if (claim instanceof InProgress) {
            ProblemResponses.write(request, response, HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_PROGRESS",
                    "A request with this " + HEADER + " is still being processed; retry later.");
        } else if (claim instanceof Reused) {
            ProblemResponses.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED",
                    "This " + HEADER + " was already used for a different request.");
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String key,
                     Claimed claim) throws ServletException, IOException {
        request.setAttribute(ATTRIBUTE, key);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            keys.release(claim);
            throw e;
        }
        try {
            if (captured.getStatus() >= 500) {
                keys.release(claim);
            } else {
                keys.complete(claim, stored(captured));
            }
        } catch (RuntimeException e) {
            // The request itself is done; answer it. The key stays claimed until it counts as abandoned.
            log.error("Could not record the outcome of idempotency key {}", claim.id(), e);
        }
        captured.copyBodyToResponse();
    }

    private static StoredResponse stored(ContentCachingResponseWrapper response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (!headers.containsKey(HttpHeaders.CONTENT_TYPE) && response.getContentType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, response.getContentType());
        }
        return new StoredResponse(response.getStatus(), headers,
                new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static String pathOf(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
