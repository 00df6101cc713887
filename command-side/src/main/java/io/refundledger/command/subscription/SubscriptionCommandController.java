package io.refundledger.command.subscription;

import io.refundledger.command.common.CommandMetadata;
import io.refundledger.command.subscription.SubscriptionRequests.AutoRenewalRequest;
import io.refundledger.command.subscription.SubscriptionRequests.CancellationRequest;
import io.refundledger.command.subscription.SubscriptionRequests.DataExportCompletionRequest;
import io.refundledger.command.subscription.SubscriptionRequests.DataExportRequest;
import io.refundledger.command.subscription.SubscriptionRequests.RenewalRequest;
import io.refundledger.command.subscription.SubscriptionRequests.RevocationRequest;
import io.refundledger.command.subscription.SubscriptionRequests.SeatsRequest;
import io.refundledger.command.subscription.SubscriptionResponses.CancellationResponse;
import io.refundledger.command.subscription.SubscriptionResponses.DataExportResponse;
import io.refundledger.command.subscription.SubscriptionResponses.SubscriptionStepResponse;
import io.refundledger.command.subscription.SubscriptionResponses.TerminationResponse;
import io.refundledger.command.subscription.process.TerminationConfirmationNumbers;
import io.refundledger.command.web.CreationIds;
import io.refundledger.command.web.RequestIdFilter;
import io.refundledger.infrastructure.errors.DomainException;
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

/**
 * The write API for subscriptions (退订 and what leads up to it). Reads are served by the query side under the
 * same paths. The steps between cancellation and termination are normally run by the cancellation process;
 * these endpoints let operations run them by hand. Errors become problem documents in the shared advice.
 */
@RestController
@RequestMapping(path = "/api/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
public class SubscriptionCommandController {

    private final CommandGateway commands;
    private final TerminationConfirmationNumbers confirmationNumbers;
    private final CreationIds ids;

    public SubscriptionCommandController(CommandGateway commands, TerminationConfirmationNumbers confirmationNumbers,
                                         CreationIds ids) {
        this.commands = commands;
        this.confirmationNumbers = confirmationNumbers;
        this.ids = ids;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it too
    public ResponseEntity<SubscriptionStepResponse> start(@RequestBody(required = false) StartSubscriptionRequest body,
                                                          @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        StartSubscription command = SubscriptionRequestMapper.toCommand(body, ids.newId("subscription"));
        SubscriptionStatus status = commands.sendAndWait(command, metadata(requestId));
        // Relative on purpose: the query side, on another port or host, serves GET at this path.
        return ResponseEntity.created(URI.create("/api/subscriptions/" + command.subscriptionId()))
                .body(new SubscriptionStepResponse(command.subscriptionId(), status));
    }

    @PostMapping("/{subscriptionId}/renewal")
    public SubscriptionStepResponse renew(@PathVariable String subscriptionId,
                                          @RequestBody(required = false) RenewalRequest body,
                                          @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(subscriptionId, SubscriptionRequestMapper.toCommand(subscriptionId, body), requestId);
    }

    @PostMapping("/{subscriptionId}/auto-renewal")
    public SubscriptionStepResponse switchAutoRenewal(@PathVariable String subscriptionId,
                                                      @RequestBody(required = false) AutoRenewalRequest body,
                                                      @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(subscriptionId, SubscriptionRequestMapper.toCommand(subscriptionId, body), requestId);
    }

    @PostMapping("/{subscriptionId}/seats")
    public SubscriptionStepResponse changeSeats(@PathVariable String subscriptionId,
                                                @RequestBody(required = false) SeatsRequest body,
                                                @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(subscriptionId, SubscriptionRequestMapper.toCommand(subscriptionId, body), requestId);
    }

    /**
     * 退订: answers the settlement line by line. A cancellation the contract refuses is recorded as refused and
     * answered 422 with the rule's code, after the command completed (an exception inside it would erase the record).
     */
    @PostMapping("/{subscriptionId}/cancellation")
    @ResponseStatus(HttpStatus.CREATED)
    public CancellationResponse cancel(@PathVariable String subscriptionId,
                                       @RequestBody(required = false) CancellationRequest body,
                                       @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        RequestSubscriptionCancellation command =
                SubscriptionRequestMapper.toCommand(subscriptionId, body, ids.newId("subscription-cancellation"));
        CancellationOutcome outcome = commands.sendAndWait(command, metadata(requestId));
        if (outcome instanceof CancellationOutcome.Refused refused) {
            throw DomainException.ruleViolation(refused.code(), refused.field(), refused.detail());
        }
        return CancellationResponse.of((CancellationOutcome.Accepted) outcome);
    }

    @PostMapping("/{subscriptionId}/cancellation/revocation")
    public SubscriptionStepResponse revoke(@PathVariable String subscriptionId,
                                           @RequestBody(required = false) RevocationRequest body,
                                           @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(subscriptionId, SubscriptionRequestMapper.toCommand(subscriptionId, body), requestId);
    }

    /** Requests the export under a new id, which the answer names for reporting its completion. */
    @PostMapping("/{subscriptionId}/data-export")
    @ResponseStatus(HttpStatus.CREATED)
    public DataExportResponse requestDataExport(@PathVariable String subscriptionId,
                                                @RequestBody(required = false) DataExportRequest body,
                                                @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        String exportId = ids.newId("subscription-data-export");
        SubscriptionStatus status = commands.sendAndWait(
                SubscriptionRequestMapper.toCommand(subscriptionId, exportId, body), metadata(requestId));
        return new DataExportResponse(subscriptionId, exportId, status);
    }

    @PostMapping("/{subscriptionId}/data-export/{exportId}/completion")
    public SubscriptionStepResponse completeDataExport(@PathVariable String subscriptionId, @PathVariable String exportId,
                                                       @RequestBody(required = false) DataExportCompletionRequest body,
                                                       @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(subscriptionId, SubscriptionRequestMapper.toCommand(subscriptionId, exportId, body), requestId);
    }

    @PostMapping("/{subscriptionId}/accounts/deactivation")
    public SubscriptionStepResponse deactivateAccounts(@PathVariable String subscriptionId,
                                                       @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        return send(subscriptionId, new DeactivateSubscriptionAccounts(subscriptionId), requestId);
    }

    /** Confirms the termination under a confirmation number issued here, which the answer names. */
    @PostMapping("/{subscriptionId}/termination")
    public TerminationResponse confirmTermination(@PathVariable String subscriptionId,
                                                  @RequestAttribute(RequestIdFilter.ATTRIBUTE) String requestId) {
        String confirmationNumber = confirmationNumbers.issue();
        SubscriptionStatus status = commands.sendAndWait(
                new ConfirmSubscriptionTermination(subscriptionId, confirmationNumber), metadata(requestId));
        return new TerminationResponse(subscriptionId, confirmationNumber, status);
    }

    private SubscriptionStepResponse send(String subscriptionId, Object command, String requestId) {
        SubscriptionStatus status = commands.sendAndWait(command, metadata(requestId));
        return new SubscriptionStepResponse(subscriptionId, status);
    }

    /** The acting user is added to this metadata by the security layer's dispatch interceptor, never from the body. */
    private static MetaData metadata(String requestId) {
        return CommandMetadata.http(requestId).asMetaData();
    }
}
