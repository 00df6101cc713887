package io.refundledger.events.subscription;


import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * 数据删除: the retention period ended and the subscription's personal data was erased: the key under which its
 * events hold personal data is destroyed, and read models drop what they copied. The events themselves are
 * not rewritten, so the hash chain still verifies.
 */
@Revision("1")
public record SubscriptionPersonalDataPurged(
        String subscriptionId,
        String customerId,
        String keyId,
        LocalDate retainedUntil,
        Instant purgedAt) {
}
