package io.refundledger.command.refund;

import io.refundledger.command.order.OrderRefundPosition;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundDeduction;
import io.refundledger.infrastructure.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.refundledger.command.refund.PolicyTesting.settings;
import static io.refundledger.command.refund.PolicyTesting.standardPolicy;
import static io.refundledger.command.testing.DomainErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancellation's settlement is paid out through a refund application; the amount was decided by the
 * subscription's contract terms, so the refund policy must not judge it like a purchase again.
 */
class ContractSettlementPolicyTest {

    /** The term started ten months ago: far outside the 30-day window of a purchase. */
    static final Instant TERM_START = Instant.parse("2026-01-31T16:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static PolicyFacts settlement(String prepaid, String netRefund) {
        return new PolicyFacts(cny(prepaid), cny(netRefund), TERM_START, null, ProductUsage.NOT_STATED, null, null, null);
    }

    @Test
    void theSettledAmountIsEligibleAsRequestedOutsideThePurchaseWindow() {
        PolicyEvaluation evaluation = standardPolicy().evaluateContractSettlement(settlement("1200.00", "131.51"), "S-1",
                OrderRefundPosition.none(), NOW);

        assertThat(evaluation.withinPolicy()).isTrue();
        assertThat(evaluation.eligibleAmount()).isEqualTo(cny("131.51"));
        assertThat(evaluation.deductions()).isEmpty();
        assertThat(evaluation.policyVersion()).isEqualTo("2026.11-1");
        assertThat(evaluation.rules()).extracting(PolicyRuleResult::rule)
                .containsExactly("REFUND_WINDOW", "SETTLED_BY_CONTRACT", "ORDER_CAP", "REQUESTED_WITHIN_ELIGIBLE");
        assertThat(evaluation.rules()).allMatch(PolicyRuleResult::passed);
        assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW).detail())
                .startsWith("not applicable: settled by contract under subscription S-1");
        assertThat(evaluation.rule(RefundPolicy.SETTLED_BY_CONTRACT).detail()).contains("S-1", "131.51 CNY");
    }

    @Test
    void neitherProratesNorChargesAHandlingFeeOnTheSettledAmount() {
        RefundPolicy withFee = new RefundPolicy(settings(RefundPolicySettings.WindowStart.PURCHASE, Map.of("CNY", cny("10.00"))));
        PolicyFacts usedService = new PolicyFacts(cny("1200.00"), cny("600.00"), TERM_START, null, ProductUsage.USED,
                TERM_START, Instant.parse("2027-01-31T16:00:00Z"), cny("100.00"));

        PolicyEvaluation evaluation = withFee.evaluateContractSettlement(usedService, "S-1", OrderRefundPosition.none(), NOW);

        assertThat(evaluation.eligibleAmount()).isEqualTo(cny("600.00"));
        assertThat(evaluation.deductions()).isEmpty();
        assertThat(evaluation.rule(RefundPolicy.PRORATED)).isNull();
    }

    @Test
    void theOrderCapStillHoldsForTheSubscriptionsPayments() {
        PolicyEvaluation evaluation = standardPolicy().evaluateContractSettlement(settlement("1200.00", "500.00"), "S-1",
                new OrderRefundPosition(cny("1200.00"), cny("900.00")), NOW);

        assertThat(evaluation.withinPolicy()).isFalse();
        assertThat(evaluation.rule(RefundPolicy.ORDER_CAP).passed()).isFalse();
        assertThat(evaluation.eligibleAmount()).isEqualTo(cny("300.00"));
        assertThat(evaluation.deductions()).extracting(RefundDeduction::kind).containsExactly("ORDER_CAP");
    }

    @Test
    void aLargeSettlementStillNeedsFinancesSecondApproval() {
        PolicyEvaluation evaluation = standardPolicy().evaluateContractSettlement(settlement("12000.00", "6000.00"), "S-1",
                OrderRefundPosition.none(), NOW);

        assertThat(evaluation.withinPolicy()).isTrue();
        assertThat(evaluation.secondApprovalRequired()).isTrue();
        assertThat(evaluation.reviewDueBy()).isEqualTo(NOW.plus(java.time.Duration.ofDays(2)));
    }

    @Test
    void refusesAmountsInAnotherCurrency() {
        PolicyFacts mixed = new PolicyFacts(cny("1200.00"), Money.of("100.00", "USD"), TERM_START, null,
                ProductUsage.NOT_STATED, null, null, null);

        assertRefused(() -> standardPolicy().evaluateContractSettlement(mixed, "S-1", OrderRefundPosition.none(), NOW),
                "CURRENCY_MISMATCH", ErrorKind.RULE_VIOLATION, "requestedAmount.currency");
    }
}
