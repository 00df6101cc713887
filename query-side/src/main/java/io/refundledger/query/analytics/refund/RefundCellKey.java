package io.refundledger.query.analytics.refund;

import io.refundledger.query.analytics.CellKeys;

import java.time.LocalDate;

/**
 * Which cell an application counts in: the business day it was first submitted on and its dimensions. Unstated
 * dimensions are {@code UNKNOWN}.
 *
 * @param day       ISO date of the first submission in the business zone
 * @param reason    the reason category as last (re)submitted
 * @param productId the product refunded
 * @param segment   the customer's segment
 * @param channel   ONLINE or OFFLINE as the submission's metadata said
 */
public record RefundCellKey(String day, String reason, String productId, String segment, String channel) {

    public String id() {
        return CellKeys.join(day, reason, productId, segment, channel);
    }

    public LocalDate date() {
        return LocalDate.parse(day);
    }

    RefundCellKey withReason(String newReason) {
        return new RefundCellKey(day, newReason, productId, segment, channel);
    }
}
