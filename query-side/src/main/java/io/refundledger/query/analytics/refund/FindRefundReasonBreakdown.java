package io.refundledger.query.analytics.refund;

import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.query.analytics.AnalyticsParameters;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;

import java.util.Objects;

/**
 * "Which reasons, products, customer segments and channels drive refunds between these days, and how is that
 * changing?" Applications count in the period of their first submission (business zone).
 *
 * @param top how many products the top lists hold
 */
public record FindRefundReasonBreakdown(AnalyticsRange range, RefundGroupBy groupBy, RefundFilters filters, int top) {

    public FindRefundReasonBreakdown {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(filters, "filters");
    }

    /** From request parameters; a bad one is a 400 problem naming it. */
    public static FindRefundReasonBreakdown of(String from, String to, String granularity, String groupBy, String reason,
                                               String productId, String segment, String channel, Integer top) {
        AnalyticsRange range = new AnalyticsRange(AnalyticsParameters.date("from", from), AnalyticsParameters.date("to", to),
                AnalyticsParameters.choice("granularity", granularity, Granularity.class, Granularity.DAY));
        return new FindRefundReasonBreakdown(range,
                AnalyticsParameters.choice("groupBy", groupBy, RefundGroupBy.class, RefundGroupBy.REASON),
                new RefundFilters(AnalyticsParameters.filter("reason", reason, RefundReasonCategory.class),
                        AnalyticsParameters.filter(productId), AnalyticsParameters.filter(segment),
                        AnalyticsParameters.channelFilter(channel)),
                AnalyticsParameters.top(top));
    }
}
