package io.refundledger.events.refund;

import io.refundledger.events.common.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The application is approved for {@code approvedAmount}, the amount that will be paid out (or, for a
 * return, refunded once the goods pass inspection). Who gave this approval is in the metadata.
 *
 * <p>Revision 2 added {@code exceptionJustification} and {@code firstApprovedBy}; revision-1 events are
 * upcast with both null.
 *
 * @param exceptionJustification the reviewer's written reason for approving outside the policy, else null
 * @param firstApprovedBy        under four-eyes approval, the reviewer who gave the first approval, else null
 */
@Revision("2")
public record RefundApplicationApproved(
        String applicationId,
        Money approvedAmount,
        String note,
        Instant approvedAt,
        String exceptionJustification,
        String firstApprovedBy) {
}
