package io.refundledger.command.refund;

import io.refundledger.command.common.CommandMetadata;
import io.refundledger.command.web.RequestIdFilter;
import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.events.refund.RefundStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

/**
 * The write API for refund applications. Reads are served by the query side under the same paths.
 * Errors are turned into problem documents by the shared advice; nothing here catches them.
 */
@RestController
@RequestMapping(path = "/api/refunds", produces = MediaType.APPLICATION_JSON_VALUE)
public class RefundCommandController {

    private final CommandGateway commands;
    private final ApplicationNumberIssuer numbers;
    private final Clock clock;

    public RefundCommandController(CommandGateway commands, ApplicationNumberIssuer numbers, Clock clock) {
        this.commands = commands;
        this.numbers = numbers;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it too
    public ResponseEntity<RefundSubmittedResponse> submit(@RequestBody SubmitRefundRequest body,
                                                          @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        RequestedRefund requested = RefundRequestMapper.toRequestedRefund(body);
        // Judged before a number is issued, so refused requests leave no holes in the day's numbering.
        RefundSubmissionRules.check(requested, clock.instant());
        String applicationId = UUID.randomUUID().toString();
        ApplicationNumber number = numbers.issue();
        commands.sendAndWait(requested.submitAs(applicationId, number), metadata(requestId));
        // Relative on purpose: the query side, on another port or host, serves GET at this path.
        return ResponseEntity.created(URI.create("/api/refunds/" + applicationId))
                .body(new RefundSubmittedResponse(applicationId, number.value(), RefundStatus.SUBMITTED));
    }

    @PostMapping("/{applicationId}/approve")
    public RefundDecisionResponse approve(@PathVariable String applicationId,
                                          @RequestBody(required = false) ApproveRefundRequest body,
                                          @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        commands.sendAndWait(RefundRequestMapper.toCommand(applicationId, body), metadata(requestId));
        return new RefundDecisionResponse(applicationId, RefundStatus.APPROVED);
    }

    @PostMapping("/{applicationId}/reject")
    public RefundDecisionResponse reject(@PathVariable String applicationId,
                                         @RequestBody(required = false) RejectRefundRequest body,
                                         @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        commands.sendAndWait(RefundRequestMapper.toCommand(applicationId, body), metadata(requestId));
        return new RefundDecisionResponse(applicationId, RefundStatus.REJECTED);
    }

    /** The acting user joins this metadata once authentication exists (from the security context). */
    private static MetaData metadata(String requestId) {
        return CommandMetadata.http(requestId).asMetaData();
    }
}
