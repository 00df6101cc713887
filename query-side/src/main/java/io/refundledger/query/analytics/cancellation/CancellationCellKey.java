package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.analytics.CellKeys;

import java.time.LocalDate;

/**
 * Which cell a cancellation request (or a refused attempt) counts in: its business day and dimensions. Unstated
 * dimensions are {@code UNKNOWN}.
 *
 * @param day      ISO date of the request (or refusal) in the business zone
 * @param reason   the cancellation reason
 * @param planCode the subscription's plan
 * @param productId the subscription's product
 * @param segment  the customer's segment
 * @param effect   IMMEDIATELY or END_OF_TERM
 * @param channel  ONLINE or OFFLINE as the request's metadata said
 */
public record CancellationCellKey(String day, String reason, String planCode, String productId, String segment,
                                  String effect, String channel) {

    public String id() {
        return CellKeys.join(day, reason, planCode, productId, segment, effect, channel);
    }

    public LocalDate date() {
        return LocalDate.parse(day);
    }
}
