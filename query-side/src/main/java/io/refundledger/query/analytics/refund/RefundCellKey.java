package io.refundledger.query.analytics.refund;

import io.refundledger.query.analytics.CellKeys;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.Granularity;

import java.time.LocalDate;

/**
 * Which cell an application counts in: the business day it was first submitted on and its dimensions. Unstated
 * dimensions are {@code UNKNOWN}. The same key names a week or month roll-up cell: its day is then the unit's
 * first day (see {@link #rolledUpTo}).
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

    /** This cell's id in the collection of {@code span} cells: the unit's label and the dimensions. */
    public String idIn(Granularity span) {
        return CellKeys.join(span.label(date()), reason, productId, segment, channel);
    }

    /** The cell of the week or month (or day) this day cell rolls up into. */
    public RefundCellKey rolledUpTo(Granularity span) {
        return new RefundCellKey(CellUnit.holding(span, date()).start().toString(), reason, productId, segment, channel);
    }

    public LocalDate date() {
        return LocalDate.parse(day);
    }

    RefundCellKey withReason(String newReason) {
        return new RefundCellKey(day, newReason, productId, segment, channel);
    }
}
