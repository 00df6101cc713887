package io.refundledger.query.analytics;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Subscription events as the command side writes them, with defaults where an analytics test does not care. */
public final class SubscriptionEvents {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private SubscriptionEvents() {
    }

    public static SubscriptionStarted started(String subscriptionId, String segment, String planCode, String productId) {
        return new SubscriptionStarted(subscriptionId, "C-" + subscriptionId, segment, planCode, productId, 10,
                LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01"), Money.of("12000", "CNY"), Money.of("1200", "CNY"),
                new ContractTerms(12, EarlyTerminationPenalty.none(), 30, 90), true, null, Instant.parse("2026-01-01T02:00:00Z"));
    }

    public static SubscriptionCancellationRequested requested(String subscriptionId, String cancellationId,
                                                              CancellationReason reason, CancellationEffect effect,
                                                              Instant at) {
        LocalDate requestDay = LocalDate.ofInstant(at, SHANGHAI);
        return new SubscriptionCancellationRequested(subscriptionId, cancellationId, "C-" + subscriptionId, reason,
                "switching tools", effect, effect == CancellationEffect.IMMEDIATELY ? requestDay.plusDays(1)
                : LocalDate.parse("2027-01-01"), at);
    }

    public static SubscriptionCancellationRefused refused(String subscriptionId, CancellationReason reason, Instant at) {
        return new SubscriptionCancellationRefused(subscriptionId, reason, CancellationEffect.END_OF_TERM,
                "CANCELLATION_NOTICE_TOO_SHORT", "30 days of notice needed, 12 given", at);
    }

    public static SubscriptionCancellationRevoked revoked(String subscriptionId, String cancellationId, Instant at) {
        return new SubscriptionCancellationRevoked(subscriptionId, cancellationId, "Changed our mind", at);
    }

    public static SubscriptionTerminated terminated(String subscriptionId, String cancellationId, Money netRefund, Instant at) {
        return new SubscriptionTerminated(subscriptionId, cancellationId, "CX-" + cancellationId,
                LocalDate.ofInstant(at, SHANGHAI), netRefund, LocalDate.ofInstant(at, SHANGHAI).plusDays(90), at);
    }

    public static SettlementStatusChanged settlementPaid(String subscriptionId, String cancellationId, Money amount, Instant at) {
        return new SettlementStatusChanged(subscriptionId, cancellationId, "refund-" + cancellationId,
                SettlementStatus.REFUND_PAID, amount, at);
    }
}
