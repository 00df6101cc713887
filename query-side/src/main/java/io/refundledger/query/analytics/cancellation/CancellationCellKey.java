package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.analytics.CellKeys;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.Granularity;

import java.time.LocalDate;

/**
 * Which cell a cancellation request (or a refused attempt) counts in: its business day and dimensions. Unstated
 * dimensions are {@code UNKNOWN}. The same key names a week or month roll-up cell: its day is then the unit's
 * first day (see {@link #rolledUpTo}).
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

    /** This cell's id in the collection of {@code span} cells: the unit's label and the dimensions. */
    public String idIn(Granularity span) {
        return CellKeys.join(span.label(date()), reason, planCode, productId, segment, effect, channel);
    }

    /** The cell of the week or month (or day) this day cell rolls up into. */
    public CancellationCellKey rolledUpTo(Granularity span) {
        return new CancellationCellKey(CellUnit.holding(span, date()).start().toString(), reason, planCode, productId,
                segment, effect, channel);
    }

    public LocalDate date() {
        return LocalDate.parse(day);
    }
}
