package io.refundledger.command.subscription;

import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationSettlementCalculated;

import java.time.LocalDate;

/**
 * The answer to a cancellation request. A refusal under the contract is not an exception: the aggregate records
 * it as an event (an exception would roll that event back), and the caller turns it into a rule violation.
 */
public sealed interface CancellationOutcome {

    /** The cancellation is recorded with its settlement (also the answer to a retry with the same cancellation id). */
    record Accepted(String subscriptionId, String cancellationId, CancellationEffect effect, LocalDate effectiveDate,
                    CancellationSettlementCalculated settlement) implements CancellationOutcome {
    }

    /**
     * The contract refused the cancellation; {@code SubscriptionCancellationRefused} with the same code was recorded.
     *
     * @param field the request field the refusal is about
     */
    record Refused(String code, String field, String detail) implements CancellationOutcome {
    }
}
