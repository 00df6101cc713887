package io.refundledger.query.analytics.cancellation;

import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.query.analytics.AnalyticsParameters;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;

import java.util.Objects;

/**
 * "Why do customers cancel subscriptions between these days, which plans, products, segments and channels, with
 * which effect, and how is that changing?" Requests count in the period of their request day (business zone).
 *
 * @param top how many products the top lists hold
 */
public record FindCancellationReasonBreakdown(AnalyticsRange range, CancellationGroupBy groupBy,
                                              CancellationFilters filters, int top) {

    public FindCancellationReasonBreakdown {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(filters, "filters");
    }

    /** From request parameters; a bad one is a 400 problem naming it. */
    public static FindCancellationReasonBreakdown of(String from, String to, String granularity, String groupBy,
                                                     String reason, String planCode, String productId, String segment,
                                                     String effect, String channel, Integer top) {
        AnalyticsRange range = new AnalyticsRange(AnalyticsParameters.date("from", from), AnalyticsParameters.date("to", to),
                AnalyticsParameters.choice("granularity", granularity, Granularity.class, Granularity.DAY));
        return new FindCancellationReasonBreakdown(range,
                AnalyticsParameters.choice("groupBy", groupBy, CancellationGroupBy.class, CancellationGroupBy.REASON),
                new CancellationFilters(AnalyticsParameters.filter("reason", reason, CancellationReason.class),
                        AnalyticsParameters.filter(planCode), AnalyticsParameters.filter(productId),
                        AnalyticsParameters.filter(segment),
                        AnalyticsParameters.filter("effect", effect, CancellationEffect.class),
                        AnalyticsParameters.channelFilter(channel)),
                AnalyticsParameters.top(top));
    }
}
