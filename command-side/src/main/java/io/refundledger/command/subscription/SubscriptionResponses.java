package io.refundledger.command.subscription;

import io.refundledger.command.web.MoneyJson;
import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.SettlementLine;
import io.refundledger.events.subscription.SettlementLineKind;

import java.time.LocalDate;
import java.util.List;

/** What the subscription command API answers. Money is written as text, like requests send it. */
public final class SubscriptionResponses {

    private SubscriptionResponses() {
    }

    public record SubscriptionStepResponse(String subscriptionId, SubscriptionStatus status) {
    }

    public record DataExportResponse(String subscriptionId, String exportId, SubscriptionStatus status) {
    }

    public record TerminationResponse(String subscriptionId, String confirmationNumber, SubscriptionStatus status) {
    }

    /** The settlement of an accepted cancellation, line by line, as recorded. */
    public record CancellationResponse(String subscriptionId, String cancellationId, CancellationEffect effect,
                                       LocalDate effectiveDate, String settlementPolicyVersion, long termDays,
                                       long usedDays, long unusedDays, MoneyJson netRefund, List<LineJson> lines) {

        static CancellationResponse of(CancellationOutcome.Accepted accepted) {
            CancellationSettlementCalculated settlement = accepted.settlement();
            return new CancellationResponse(accepted.subscriptionId(), accepted.cancellationId(), accepted.effect(),
                    accepted.effectiveDate(), settlement.policyVersion(), settlement.termDays(), settlement.usedDays(),
                    settlement.unusedDays(), money(settlement.netRefund()),
                    settlement.lines().stream().map(LineJson::of).toList());
        }
    }

    public record LineJson(SettlementLineKind kind, MoneyJson amount, String explanation) {

        static LineJson of(SettlementLine line) {
            return new LineJson(line.kind(), money(line.amount()), line.explanation());
        }
    }

    static MoneyJson money(Money money) {
        return new MoneyJson(money.amount().toPlainString(), money.currency());
    }
}
