package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * 数据导出: the customer's data is to be exported before the accounts are deactivated.
 */
@Revision("1")
public record SubscriptionDataExportRequested(
        String subscriptionId,
        String cancellationId,
        String exportId,
        String format,
        Instant requestedAt) {
}
