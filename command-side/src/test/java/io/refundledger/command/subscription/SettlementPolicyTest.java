package io.refundledger.command.subscription;

import io.refundledger.command.subscription.SettlementPolicy.Settlement;
import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.events.subscription.SettlementLine;
import io.refundledger.events.subscription.SettlementLineKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.refundledger.events.subscription.SettlementLineKind.DISCOUNT_CLAWBACK;
import static io.refundledger.events.subscription.SettlementLineKind.EARLY_TERMINATION_PENALTY;
import static io.refundledger.events.subscription.SettlementLineKind.FLOOR_AT_ZERO;
import static io.refundledger.events.subscription.SettlementLineKind.NET_REFUND;
import static io.refundledger.events.subscription.SettlementLineKind.PREPAID_FOR_TERM;
import static io.refundledger.events.subscription.SettlementLineKind.UNUSED_PREPAID_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

/** The settlement of a cancellation, computed from the contract, explained line by line. */
class SettlementPolicyTest {

    static final LocalDate TERM_START = LocalDate.parse("2026-01-01");
    static final LocalDate TERM_END = LocalDate.parse("2027-01-01"); // 365 days
    /** 165 days used, 200 left: 1200.00 × 200 / 365 = 657.53 CNY. */
    static final LocalDate MID_JUNE = LocalDate.parse("2026-06-15");

    final SettlementPolicy policy = new SettlementPolicy();

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static ContractTerms noMinimumTerm() {
        return new ContractTerms(0, EarlyTerminationPenalty.none(), 30, 90);
    }

    static ContractTerms minimumTerm(int months, EarlyTerminationPenalty penalty) {
        return new ContractTerms(months, penalty, 30, 90);
    }

    static EarlyTerminationPenalty percent(String percent, Money cap) {
        return new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING, new BigDecimal(percent), null, cap);
    }

    static EarlyTerminationPenalty fixed(Money amount, Money cap) {
        return new EarlyTerminationPenalty(PenaltyKind.FIXED_AMOUNT, null, amount, cap);
    }

    static SettlementTerms annualTerm(Money prepaid, Money discount, ContractTerms contract) {
        return new SettlementTerms(TERM_START, TERM_START, TERM_END, prepaid, discount, contract);
    }

    static List<SettlementLineKind> kinds(Settlement settlement) {
        return settlement.lines().stream().map(SettlementLine::kind).toList();
    }

    static SettlementLine line(Settlement settlement, SettlementLineKind kind) {
        return settlement.lines().stream().filter(l -> l.kind() == kind).findFirst().orElseThrow();
    }

    /** The signed lines (all but the information and total lines) add up to the net refund, which is never negative. */
    static void assertLinesAddUp(Settlement settlement) {
        Money sum = settlement.lines().stream()
                .filter(l -> l.kind() != PREPAID_FOR_TERM && l.kind() != NET_REFUND)
                .map(SettlementLine::amount)
                .reduce(Money.zero(settlement.netRefund().currency()), Money::plus);
        assertThat(sum).as("sum of the signed lines of " + settlement.lines()).isEqualTo(settlement.netRefund());
        assertThat(line(settlement, NET_REFUND).amount()).isEqualTo(settlement.netRefund());
        assertThat(settlement.netRefund().amount().signum()).isNotNegative();
    }

    @Test
    void refundsTheWholePrepaidAmountWhenNoDayWasUsed() {
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("0.00"), noMinimumTerm()), TERM_START);

        assertThat(settlement.termDays()).isEqualTo(365);
        assertThat(settlement.usedDays()).isZero();
        assertThat(settlement.unusedDays()).isEqualTo(365);
        assertThat(settlement.netRefund()).isEqualTo(cny("1200.00"));
        assertThat(kinds(settlement)).containsExactly(PREPAID_FOR_TERM, UNUSED_PREPAID_VALUE, NET_REFUND);
        assertThat(line(settlement, PREPAID_FOR_TERM).explanation())
                .isEqualTo("1200.00 CNY prepaid for 365 days, 2026-01-01 to 2026-12-31");
        assertLinesAddUp(settlement);
    }

    @Test
    void anImmediateCancellationOnTheFirstDayCountsThatDayAsUsed() {
        LocalDate effective = SettlementPolicy.effectiveDate(CancellationEffect.IMMEDIATELY, TERM_START, TERM_END);
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("0.00"), noMinimumTerm()), effective);

        assertThat(effective).isEqualTo(LocalDate.parse("2026-01-02"));
        assertThat(settlement.usedDays()).isEqualTo(1);
        // 1200.00 × 364 / 365 = 1196.7123…
        assertThat(settlement.unusedValue()).isEqualTo(cny("1196.71"));
        assertThat(settlement.netRefund()).isEqualTo(cny("1196.71"));
        assertThat(line(settlement, UNUSED_PREPAID_VALUE).explanation())
                .isEqualTo("1 of 365 days used (service to 2026-01-01): 1200.00 CNY × 364 / 365 unused days = 1196.71 CNY");
        assertLinesAddUp(settlement);
    }

    @Test
    void anImmediateCancellationOnTheLastDayLeavesNothingUnusedAndClawsNothingBack() {
        LocalDate lastDay = TERM_END.minusDays(1);
        LocalDate effective = SettlementPolicy.effectiveDate(CancellationEffect.IMMEDIATELY, lastDay, TERM_END);
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("200.00"),
                minimumTerm(24, percent("20", null))), effective);

        assertThat(effective).isEqualTo(TERM_END);
        assertThat(settlement.usedDays()).isEqualTo(365);
        assertThat(settlement.unusedDays()).isZero();
        assertThat(settlement.unusedValue()).isEqualTo(cny("0.00"));
        // Early (the minimum term runs two years), but 20 % of nothing is nothing; the discount was earned in full.
        assertThat(settlement.penalty()).isEqualTo(cny("0.00"));
        assertThat(settlement.discountClawback()).isEqualTo(cny("0.00"));
        assertThat(settlement.netRefund()).isEqualTo(cny("0.00"));
        assertThat(kinds(settlement)).containsExactly(PREPAID_FOR_TERM, UNUSED_PREPAID_VALUE, NET_REFUND);
        assertLinesAddUp(settlement);
    }

    @Test
    void aLeapYearTermCountsItsThreeHundredSixtySixDays() {
        LocalDate start = LocalDate.parse("2028-01-01");
        SettlementTerms leapTerm = new SettlementTerms(start, start, LocalDate.parse("2029-01-01"), cny("1200.00"),
                cny("0.00"), noMinimumTerm());

        Settlement settlement = policy.settle(leapTerm, LocalDate.parse("2028-03-01"));

        assertThat(settlement.termDays()).isEqualTo(366);
        assertThat(settlement.usedDays()).isEqualTo(60); // 31 days of January, 29 of February
        assertThat(settlement.unusedDays()).isEqualTo(306);
        // 1200.00 × 306 / 366 = 1003.2786…
        assertThat(settlement.netRefund()).isEqualTo(cny("1003.28"));
        assertLinesAddUp(settlement);
    }

    @Test
    void roundsTheUnusedValueHalfToEven() {
        // 1.00 × 1 / 8 = 0.125: half-up would give 0.13.
        SettlementTerms eightDays = new SettlementTerms(TERM_START, TERM_START, TERM_START.plusDays(8), cny("1.00"),
                cny("0.00"), noMinimumTerm());

        assertThat(policy.settle(eightDays, TERM_START.plusDays(7)).unusedValue()).isEqualTo(cny("0.12"));
    }

    @Test
    void clawsBackTheWholeDiscountWhenTheTermIsNotServedToItsEnd() {
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("200.00"), noMinimumTerm()), MID_JUNE);

        assertThat(settlement.discountClawback()).isEqualTo(cny("200.00"));
        assertThat(settlement.netRefund()).isEqualTo(cny("457.53"));
        assertThat(kinds(settlement)).containsExactly(PREPAID_FOR_TERM, UNUSED_PREPAID_VALUE, DISCOUNT_CLAWBACK, NET_REFUND);
        assertThat(line(settlement, DISCOUNT_CLAWBACK).amount()).isEqualTo(cny("-200.00"));
        assertThat(line(settlement, NET_REFUND).explanation())
                .isEqualTo("657.53 CNY − 200.00 CNY discount claw-back = 457.53 CNY");
        assertLinesAddUp(settlement);
    }

    @Test
    void aDiscountLargerThanTheRemainingValueStopsTheRefundAtZero() {
        // 30 days left: 1200.00 × 30 / 365 = 98.63; the 300.00 discount would take 201.37 more than that.
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("300.00"), noMinimumTerm()),
                TERM_END.minusDays(30));

        assertThat(settlement.unusedValue()).isEqualTo(cny("98.63"));
        assertThat(settlement.discountClawback()).isEqualTo(cny("300.00"));
        assertThat(settlement.netRefund()).isEqualTo(cny("0.00"));
        assertThat(kinds(settlement)).containsExactly(PREPAID_FOR_TERM, UNUSED_PREPAID_VALUE, DISCOUNT_CLAWBACK,
                FLOOR_AT_ZERO, NET_REFUND);
        assertThat(line(settlement, FLOOR_AT_ZERO).amount()).isEqualTo(cny("201.37"));
        assertThat(line(settlement, FLOOR_AT_ZERO).explanation())
                .isEqualTo("deductions exceed the unused value by 201.37 CNY; the refund stops at zero");
        assertLinesAddUp(settlement);
    }

    @Test
    void chargesAPercentOfTheRemainingValueUpToItsCap() {
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("0.00"),
                minimumTerm(12, percent("20", cny("100.00")))), MID_JUNE);

        assertThat(settlement.unusedDays()).isEqualTo(200);
        assertThat(settlement.unusedValue()).isEqualTo(cny("657.53"));
        assertThat(settlement.penalty()).isEqualTo(cny("100.00"));
        assertThat(settlement.netRefund()).isEqualTo(cny("557.53"));
        SettlementLine penalty = line(settlement, EARLY_TERMINATION_PENALTY);
        assertThat(penalty.amount()).isEqualTo(cny("-100.00"));
        assertThat(penalty.explanation()).isEqualTo("ends before the 12-month minimum term (to 2026-12-31): "
                + "20% of 657.53 CNY remaining = 131.51 CNY, capped at 100.00 CNY");
        assertLinesAddUp(settlement);
    }

    @Test
    void chargesTheWholePercentWithoutACap() {
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("0.00"),
                minimumTerm(12, percent("20", null))), MID_JUNE);

        // 20 % of 657.53 = 131.506
        assertThat(settlement.penalty()).isEqualTo(cny("131.51"));
        assertThat(settlement.netRefund()).isEqualTo(cny("526.02"));
        assertThat(line(settlement, EARLY_TERMINATION_PENALTY).explanation()).endsWith("20% of 657.53 CNY remaining = 131.51 CNY");
        assertLinesAddUp(settlement);
    }

    @Test
    void aCapAboveThePercentChangesNothing() {
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("0.00"),
                minimumTerm(12, percent("12.5", cny("500.00")))), MID_JUNE);

        // 12.5 % of 657.53 = 82.19125
        assertThat(settlement.penalty()).isEqualTo(cny("82.19"));
        assertThat(line(settlement, EARLY_TERMINATION_PENALTY).explanation())
                .endsWith("12.5% of 657.53 CNY remaining = 82.19 CNY (within the cap of 500.00 CNY)");
        assertLinesAddUp(settlement);
    }

    @Test
    void chargesAFixedPenaltyUpToItsCap() {
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("0.00"),
                minimumTerm(12, fixed(cny("300.00"), cny("200.00")))), MID_JUNE);

        assertThat(settlement.penalty()).isEqualTo(cny("200.00"));
        assertThat(settlement.netRefund()).isEqualTo(cny("457.53"));
        assertThat(line(settlement, EARLY_TERMINATION_PENALTY).explanation())
                .endsWith("fixed penalty 300.00 CNY, capped at 200.00 CNY");
        assertLinesAddUp(settlement);
    }

    @Test
    void chargesNoPenaltyOnceTheMinimumTermIsServed() {
        // First term 2025, renewed for 2026; the 12-month minimum ended on 2025-12-31.
        SettlementTerms renewed = new SettlementTerms(LocalDate.parse("2025-01-01"), TERM_START, TERM_END,
                cny("1200.00"), cny("0.00"), minimumTerm(12, fixed(cny("300.00"), null)));

        Settlement settlement = policy.settle(renewed, MID_JUNE);

        assertThat(settlement.penalty()).isEqualTo(cny("0.00"));
        assertThat(settlement.netRefund()).isEqualTo(cny("657.53"));
        assertThat(kinds(settlement)).doesNotContain(EARLY_TERMINATION_PENALTY);
        assertLinesAddUp(settlement);
    }

    @Test
    void theMinimumTermEndsOnTheSameDayOfTheMonth() {
        SettlementTerms terms = annualTerm(cny("1200.00"), cny("0.00"), minimumTerm(6, fixed(cny("50.00"), null)));

        assertThat(policy.settle(terms, LocalDate.parse("2026-06-30")).penalty()).isEqualTo(cny("50.00"));
        assertThat(policy.settle(terms, LocalDate.parse("2026-07-01")).penalty()).isEqualTo(cny("0.00"));
    }

    @Test
    void anEndOfTermCancellationWithinTheMinimumTermOwesThePenaltyButNeverMoreThanTheRefund() {
        LocalDate effective = SettlementPolicy.effectiveDate(CancellationEffect.END_OF_TERM, MID_JUNE, TERM_END);
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("200.00"),
                minimumTerm(24, fixed(cny("300.00"), null))), effective);

        assertThat(effective).isEqualTo(TERM_END);
        assertThat(settlement.unusedDays()).isZero();
        assertThat(settlement.penalty()).isEqualTo(cny("300.00"));
        assertThat(settlement.discountClawback()).isEqualTo(cny("0.00"));
        assertThat(settlement.netRefund()).isEqualTo(cny("0.00"));
        assertThat(kinds(settlement)).containsExactly(PREPAID_FOR_TERM, UNUSED_PREPAID_VALUE, EARLY_TERMINATION_PENALTY,
                FLOOR_AT_ZERO, NET_REFUND);
        assertThat(line(settlement, EARLY_TERMINATION_PENALTY).explanation())
                .isEqualTo("ends before the 24-month minimum term (to 2027-12-31): fixed penalty 300.00 CNY");
        assertLinesAddUp(settlement);
    }

    @Test
    void yenHaveNoMinorUnits() {
        Money prepaid = Money.of("120000", "JPY");
        SettlementTerms terms = new SettlementTerms(TERM_START, TERM_START, TERM_END, prepaid, Money.zero("JPY"),
                minimumTerm(12, percent("20", null)));

        Settlement settlement = policy.settle(terms, MID_JUNE);

        // 120000 × 200 / 365 = 65753.42…; 20 % of 65753 = 13150.6
        assertThat(settlement.unusedValue()).isEqualTo(Money.of("65753", "JPY"));
        assertThat(settlement.penalty()).isEqualTo(Money.of("13151", "JPY"));
        assertThat(settlement.netRefund()).isEqualTo(Money.of("52602", "JPY"));
        assertThat(settlement.netRefund().amount().scale()).isZero();
        assertLinesAddUp(settlement);
    }

    @Test
    void aCancellationBeforeTheTermStartsUsesNothingOfIt() {
        Settlement settlement = policy.settle(annualTerm(cny("1200.00"), cny("0.00"), noMinimumTerm()),
                TERM_START.minusDays(10));

        assertThat(settlement.usedDays()).isZero();
        assertThat(settlement.netRefund()).isEqualTo(cny("1200.00"));
    }

    @Test
    void recordsTheVersionItWasComputedUnder() {
        Settlement settlement = new SettlementPolicy("settlement-test-1")
                .settle(annualTerm(cny("1200.00"), cny("0.00"), noMinimumTerm()), MID_JUNE);

        assertThat(settlement.toEvent("S-1", "K-1", java.time.Instant.EPOCH).policyVersion()).isEqualTo("settlement-test-1");
        assertThat(new SettlementPolicy().version()).isEqualTo(SettlementPolicy.CURRENT_VERSION);
    }

    @Test
    void theLinesAlwaysAddUpToTheNetRefund() {
        List<ContractTerms> contracts = List.of(noMinimumTerm(),
                minimumTerm(12, percent("20", null)), minimumTerm(12, percent("33.33", cny("150.00"))),
                minimumTerm(18, fixed(cny("300.00"), null)), minimumTerm(24, fixed(cny("999.99"), cny("450.00"))));
        List<Money> discounts = List.of(cny("0.00"), cny("0.01"), cny("200.00"), cny("1500.00"));
        int settlements = 0;
        for (ContractTerms contract : contracts) {
            for (Money discount : discounts) {
                for (LocalDate effective = TERM_START.minusDays(1); !effective.isAfter(TERM_END.plusDays(1));
                     effective = effective.plusDays(7)) {
                    Settlement settlement = policy.settle(annualTerm(cny("1234.56"), discount, contract), effective);
                    assertLinesAddUp(settlement);
                    assertThat(settlement.usedDays() + settlement.unusedDays()).isEqualTo(settlement.termDays());
                    settlements++;
                }
            }
        }
        assertThat(settlements).isGreaterThan(1000);
    }
}
