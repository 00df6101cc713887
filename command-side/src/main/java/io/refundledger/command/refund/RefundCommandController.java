package io.refundledger.command.refund;

import io.refundledger.command.common.CommandMetadata;
import io.refundledger.command.web.CreationIds;
import io.refundledger.command.web.RequestIdFilter;
import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The write API for refund applications: submission, review, returns, payouts and rating. Reads are served by the query side under the same paths.
 * Errors are turned into problem documents by the shared advice; nothing here catches them.
 */
@RestController
@RequestMapping(path = "/api/refunds", produces = MediaType.APPLICATION_JSON_VALUE)
public class RefundCommandController {

    private final CommandGateway commands;
    private final ApplicationNumberIssuer numbers;
    private final Clock clock;
    private final CreationIds ids;
    private final EventStore events;

    public RefundCommandController(CommandGateway commands, ApplicationNumberIssuer numbers, Clock clock, CreationIds ids,
                                   EventStore events) {
        this.commands = commands;
        this.numbers = numbers;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it too
    public ResponseEntity<RefundSubmittedResponse> submit(@RequestBody SubmitRefundRequest body,
                                                          @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        RequestedRefund requested = RefundRequestMapper.toRequestedRefund(body);
        Optional<String> derivedId = ids.derived("refund-application");
        String applicationId = derivedId.orElseGet(() -> UUID.randomUUID().toString());
        // Only an id derived from an idempotency key can have been used before.
        Optional<String> earlierNumber = derivedId.flatMap(this::submittedEarlier);
        if (earlierNumber.isPresent()) {
            // This very request (same user, key and body) was submitted by a run that died before answering.
            return submitted(applicationId, earlierNumber.get());
        }
        // Judged before a number is issued, so refused requests leave no holes in the day's numbering.
        RefundSubmissionRules.check(requested, clock.instant());
        ApplicationNumber number = numbers.issue();
        commands.sendAndWait(requested.submitAs(applicationId, number), metadata(requestId));
        return submitted(applicationId, number.value());
    }

    private static ResponseEntity<RefundSubmittedResponse> submitted(String applicationId, String number) {
        // Relative on purpose: the query side, on another port or host, serves GET at this path.
        return ResponseEntity.created(URI.create("/api/refunds/" + applicationId))
                .body(new RefundSubmittedResponse(applicationId, number, RefundStatus.SUBMITTED));
    }

    /** The number of the application already stored under this id. */
    private Optional<String> submittedEarlier(String applicationId) {
        if (events.lastSequenceNumberFor(applicationId).isEmpty()) {
            return Optional.empty();
        }
        DomainEventStream stream = events.readEvents(applicationId);
        return stream.hasNext() && stream.next().getPayload() instanceof RefundApplicationSubmitted submitted
                ? Optional.of(submitted.applicationNumber()) : Optional.empty();
    }

    @PostMapping("/{applicationId}/resubmit")
    public RefundDecisionResponse resubmit(@PathVariable String applicationId,
                                           @RequestBody(required = false) ResubmitRefundRequest body,
                                           @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/assign")
    public RefundDecisionResponse assign(@PathVariable String applicationId,
                                         @RequestBody(required = false) AssignRefundRequest body,
                                         @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/information-request")
    public RefundDecisionResponse requestInformation(@PathVariable String applicationId,
                                                     @RequestBody(required = false) InformationRequestRequest body,
                                                     @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/information")
    public RefundDecisionResponse provideInformation(@PathVariable String applicationId,
                                                     @RequestBody(required = false) InformationAnswerRequest body,
                                                     @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    /** A reviewer's approval: final, or the first of two (status AWAITING_SECOND_APPROVAL) above the threshold. */
    @PostMapping("/{applicationId}/approve")
    public RefundDecisionResponse approve(@PathVariable String applicationId,
                                          @RequestBody(required = false) ApproveRefundRequest body,
                                          @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/second-approval")
    public RefundDecisionResponse approveSecond(@PathVariable String applicationId,
                                                @RequestBody(required = false) SecondApprovalRequest body,
                                                @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/reject")
    public RefundDecisionResponse reject(@PathVariable String applicationId,
                                         @RequestBody(required = false) RejectRefundRequest body,
                                         @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/withdraw")
    public RefundDecisionResponse withdraw(@PathVariable String applicationId,
                                           @RequestBody(required = false) WithdrawRefundRequest body,
                                           @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/return-shipment")
    public RefundDecisionResponse returnShipment(@PathVariable String applicationId,
                                                 @RequestBody(required = false) ShipmentRequest body,
                                                 @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toReturnShipment(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/return-receipt")
    public RefundDecisionResponse returnReceipt(@PathVariable String applicationId,
                                                @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, new RecordReturnReceipt(applicationId), requestId);
    }

    @PostMapping("/{applicationId}/inspection")
    public RefundDecisionResponse inspection(@PathVariable String applicationId,
                                             @RequestBody(required = false) InspectionRequest body,
                                             @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    @PostMapping("/{applicationId}/replacement-shipment")
    public RefundDecisionResponse replacementShipment(@PathVariable String applicationId,
                                                      @RequestBody(required = false) ShipmentRequest body,
                                                      @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toReplacementShipment(applicationId, body), requestId);
    }

    /** Starts (or retries) a payout under a new id, which the answer names for reporting its outcome. */
    @PostMapping("/{applicationId}/payouts")
    @ResponseStatus(HttpStatus.CREATED)
    public PayoutStartedResponse startPayout(@PathVariable String applicationId,
                                             @RequestBody(required = false) StartPayoutRequest body,
                                             @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        String payoutId = ids.newId("payout");
        RefundStatus status = commands.sendAndWait(RefundRequestMapper.toCommand(applicationId, payoutId, body),
                metadata(requestId));
        return new PayoutStartedResponse(applicationId, status, payoutId);
    }

    @PostMapping("/{applicationId}/payouts/{payoutId}/success")
    public RefundDecisionResponse payoutSucceeded(@PathVariable String applicationId, @PathVariable String payoutId,
                                                  @RequestBody(required = false) PayoutSuccessRequest body,
                                                  @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, payoutId, body), requestId);
    }

    @PostMapping("/{applicationId}/payouts/{payoutId}/failure")
    public RefundDecisionResponse payoutFailed(@PathVariable String applicationId, @PathVariable String payoutId,
                                               @RequestBody(required = false) PayoutFailureRequest body,
                                               @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, payoutId, body), requestId);
    }

    @PostMapping("/{applicationId}/rating")
    public RefundDecisionResponse rate(@PathVariable String applicationId,
                                       @RequestBody(required = false) RatingRequest body,
                                       @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(applicationId, RefundRequestMapper.toCommand(applicationId, body), requestId);
    }

    /** Every handler of an existing application answers with its status afterwards. */
    private RefundDecisionResponse send(String applicationId, Object command, String requestId) {
        RefundStatus status = commands.sendAndWait(command, metadata(requestId));
        return new RefundDecisionResponse(applicationId, status);
    }

    /** The acting user is added to this metadata by the security layer's dispatch interceptor, never from the body. */
    private static MetaData metadata(String requestId) {
        return CommandMetadata.http(requestId).asMetaData();
    }
}
