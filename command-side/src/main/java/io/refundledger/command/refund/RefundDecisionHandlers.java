package io.refundledger.command.refund;

import io.refundledger.command.order.OrderRefundLedgers;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.refund.RefundStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The refund decisions that also change the order's refund ledger: final approval reserves, withdrawal and
 * a reducing inspection release. Both aggregates are loaded through Axon repositories in this command's
 * unit of work, which the event store writes as one atomic commit: the application and the ledger change
 * together or not at all. The application itself decides; this only brings the two together.
 */
@Component
public class RefundDecisionHandlers {

    private final Repository<RefundApplication> applications;
    private final OrderRefundLedgers ledgers;
    private final RefundPolicy policy;
    private final Clock clock;

    public RefundDecisionHandlers(@Qualifier("refundApplicationRepository") Repository<RefundApplication> applications,
                                  OrderRefundLedgers ledgers, RefundPolicy policy, Clock clock) {
        this.applications = applications;
        this.ledgers = ledgers;
        this.policy = policy;
        this.clock = clock;
    }

    @CommandHandler
    public RefundStatus handle(ApproveRefundApplication command,
                               @MetaDataValue(MetadataKeys.ACTOR) String actor,
                               @MetaDataValue(MetadataKeys.ACTOR_ROLES) String roles) {
        return applications.load(command.applicationId())
                .invoke(application -> application.approve(command, Actor.of(actor, roles), policy, ledgers, clock.instant()));
    }

    @CommandHandler
    public RefundStatus handle(GiveSecondApproval command,
                               @MetaDataValue(MetadataKeys.ACTOR) String actor,
                               @MetaDataValue(MetadataKeys.ACTOR_ROLES) String roles) {
        return applications.load(command.applicationId())
                .invoke(application -> application.approveSecond(command, Actor.of(actor, roles), policy, ledgers,
                        clock.instant()));
    }

    @CommandHandler
    public RefundStatus handle(WithdrawRefundApplication command) {
        return applications.load(command.applicationId())
                .invoke(application -> application.withdraw(command, ledgers, clock.instant()));
    }

    @CommandHandler
    public RefundStatus handle(InspectReturn command) {
        return applications.load(command.applicationId())
                .invoke(application -> application.inspect(command, ledgers, clock.instant()));
    }
}
