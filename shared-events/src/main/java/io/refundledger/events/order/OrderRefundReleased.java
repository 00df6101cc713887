package io.refundledger.events.order;

import io.refundledger.events.common.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A reservation was given back (the application was withdrawn, or inspection reduced the amount). */
@Revision("1")
public record OrderRefundReleased(
        String orderId,
        String applicationId,
        Money amount,
        Money totalReserved,
        Instant releasedAt) {
}
