package io.refundledger.infrastructure.web;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns errors into RFC 7807 problem documents. Every problem carries a stable
 * {@code code}; one about a request field also names the {@code field} and the {@code rule} it broke.
 */
@RestControllerAdvice
public class ProblemDocumentAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDocumentAdvice.class);
    private static final String TYPE_BASE = "https://refund-ledger.dev/problems/";

    @ExceptionHandler(DomainException.class)
    public ResponseEntity<ProblemDetail> domain(DomainException e) {
        return problem(statusOf(e.kind()), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandExecution(CommandExecutionException e) {
        // A distributed command bus wraps the handler's exception; unwrap known causes.
        Throwable cause = e.getCause();
        if (cause instanceof DomainException domain) {
            return domain(domain);
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return concurrency(concurrency);
        }
        return unexpected(e);
    }

    @ExceptionHandler(QueryExecutionException.class)
    public ResponseEntity<ProblemDetail> queryExecution(QueryExecutionException e) {
        if (e.getCause() instanceof DomainException domain) {
            return domain(domain);
        }
        return unexpected(e);
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrency(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
                "The application was changed by someone else at the same time; reload it and try again.", null);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No record with id " + e.getAggregateIdentifier(), null);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<ProblemDetail> beanValidation(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "rule", String.valueOf(f.getCode()),
                        "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        Map<String, String> first = errors.isEmpty() ? Map.of("field", "", "rule", "") : errors.get(0);
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                errors.isEmpty() ? "The request is invalid." : first.get("field") + ": " + first.get("message"),
                first.get("field"));
        response.getBody().setProperty("rule", first.get("rule"));
        response.getBody().setProperty("errors", errors);
        return response;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "The request body is not valid JSON of the expected shape.", null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "MISSING_PARAMETER", "Parameter " + e.getParameterName() + " is required.",
                e.getParameterName());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return problem(HttpStatus.BAD_REQUEST, "MISSING_HEADER", "Header " + e.getHeaderName() + " is required.",
                e.getHeaderName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Parameter " + e.getName() + " has an invalid value.",
                e.getName());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage(), null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Send application/json.", null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "Answers are application/json (problems "
                + "application/problem+json); accept one of them.", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource.", null);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.causedBy(e)) {
            log.warn("Database unavailable while handling a request: {}", e.toString());
            String detail = e instanceof DatabaseUnavailable.Unavailable ? e.getMessage()
                    : "The database cannot be reached right now; nothing was changed. Retry shortly.";
            ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.CODE, detail, null);
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                    .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS)).body(problem.getBody());
        }
        // Spring's own exceptions for a bad request (a missing path variable, an unsupported parameter...) carry
        // their 4xx status; they stay 4xx, with the status's name as code, rather than becoming a 500.
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            return problem(status, status.name(), "The request cannot be handled: " + status.getReasonPhrase() + ".", null);
        }
        log.error("Unexpected error while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "An unexpected error occurred.", null);
    }

    public static HttpStatus statusOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE_VIOLATION -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail, String field) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPE_BASE + code.toLowerCase().replace('_', '-')));
        body.setTitle(status.getReasonPhrase());
        body.setProperty("code", code);
        if (field != null) {
            body.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
