package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.infrastructure.errors.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One refund application (退费申请) from submission to decision. Command handlers only decide and emit
 * events; state changes only in the event sourcing handlers, which is all a replay runs.
 *
 * <p>Each handler checks in the same order: malformed input (400) before the application's state (409)
 * before rules that depend on that state (422).
 */
@Aggregate
public class RefundApplication {

    @AggregateIdentifier
    private String applicationId;
    private RefundStatus status;
    private Money paidAmount;
    private Money requestedAmount;

    /** For Axon, which rebuilds the application from its events. */
    protected RefundApplication() {
    }

    @CommandHandler
    public RefundApplication(SubmitRefundApplication command, Clock clock) {
        // A number that does not look like one is a bug of the issuer, not the caller's fault: fail loudly.
        ApplicationNumber number = new ApplicationNumber(command.applicationNumber());
        Instant now = clock.instant();
        RefundSubmissionRules.check(command, now);
        apply(new RefundApplicationSubmitted(
                command.applicationId(),
                number.value(),
                command.customerId().strip(),
                command.orderId().strip(),
                command.type() == null ? RefundType.REFUND_ONLY : command.type(),
                command.paidAmount(),
                command.requestedAmount(),
                command.reasonCategory(),
                command.reasonText() == null || command.reasonText().isBlank() ? null : command.reasonText().strip(),
                command.payoutMethod(),
                command.purchasedAt(),
                now,
                // Policy facts are not asked for yet.
                null,
                ProductUsage.NOT_STATED,
                null,
                null,
                null));
    }

    @CommandHandler
    public void handle(ApproveRefundApplication command, Clock clock) {
        String note = RefundReviewRules.approvalNote(command.note());
        requireAwaitingReview("approved");
        Money approved = RefundReviewRules.approvedAmount(command.approvedAmount(), requestedAmount, paidAmount);
        apply(new RefundApplicationApproved(applicationId, approved, note, clock.instant(), null, null));
    }

    @CommandHandler
    public void handle(RejectRefundApplication command, Clock clock) {
        String reason = RefundReviewRules.rejectionReason(command.reason());
        requireAwaitingReview("rejected");
        apply(new RefundApplicationRejected(applicationId, reason, clock.instant()));
    }

    private void requireAwaitingReview(String decision) {
        if (status != RefundStatus.SUBMITTED) {
            throw DomainException.conflict("REFUND_NOT_AWAITING_REVIEW",
                    "Application " + applicationId + " is " + status + " and can no longer be " + decision);
        }
    }

    @EventSourcingHandler
    void on(RefundApplicationSubmitted event) {
        applicationId = event.applicationId();
        status = RefundStatus.SUBMITTED;
        paidAmount = event.paidAmount();
        requestedAmount = event.requestedAmount();
    }

    @EventSourcingHandler
    void on(RefundApplicationApproved event) {
        status = RefundStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(RefundApplicationRejected event) {
        status = RefundStatus.REJECTED;
    }
}
