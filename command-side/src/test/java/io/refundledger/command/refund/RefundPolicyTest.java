package io.refundledger.command.refund;

import io.refundledger.command.order.OrderRefundPosition;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundDeduction;
import io.refundledger.infrastructure.errors.ErrorKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import static io.refundledger.command.refund.PolicyTesting.settings;
import static io.refundledger.command.refund.PolicyTesting.standardPolicy;
import static io.refundledger.command.testing.DomainErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class RefundPolicyTest {

    static final Instant PURCHASED = at("2026-11-01T23:30:00+08:00");
    static final RefundPolicy POLICY = standardPolicy();

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static PolicyFacts unused(String paid, String requested) {
        return new PolicyFacts(cny(paid), cny(requested), PURCHASED, null, ProductUsage.NOT_USED, null, null, null);
    }

    static OrderRefundPosition reserved(String paid, String reserved) {
        return new OrderRefundPosition(cny(paid), cny(reserved));
    }

    @Nested
    class RefundWindow {

        @Test
        void day30InTheBusinessZoneIsInsideUpToItsLastMinute() {
            PolicyEvaluation evaluation = POLICY.evaluate(unused("1200.00", "1200.00"), OrderRefundPosition.none(),
                    at("2026-12-01T23:59:00+08:00"));

            assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW).passed()).isTrue();
            assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW).detail()).startsWith("day 30 of 30");
            assertThat(evaluation.withinPolicy()).isTrue();
        }

        @Test
        void day31StartsAtMidnightInTheBusinessZone() {
            // 16:00 UTC on 1 December is already 2 December in Shanghai.
            PolicyEvaluation evaluation = POLICY.evaluate(unused("1200.00", "1200.00"), OrderRefundPosition.none(),
                    at("2026-12-02T00:00:00+08:00"));

            assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW).passed()).isFalse();
            assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW).detail()).startsWith("day 31 of 30");
            assertThat(evaluation.withinPolicy()).isFalse();
            // Out of window does not change the amount: the reviewer may still grant an exception.
            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("1200.00"));
        }

        @Test
        void aWindowAcrossALeapFebruaryCountsTheLeapDay() {
            // 10 February 2028 + 30 calendar days is 11 March, since 2028 has a 29 February.
            Instant purchased = at("2028-02-10T12:00:00+08:00");

            assertThat(windowOn(purchased, "2028-03-11T23:59:00+08:00").detail()).startsWith("day 30 of 30");
            assertThat(windowOn(purchased, "2028-03-11T23:59:00+08:00").passed()).isTrue();
            assertThat(windowOn(purchased, "2028-03-12T00:00:00+08:00").passed()).isFalse();
        }

        @Test
        void aWindowFromAMonthsLastDayCountsCalendarDaysNotMonths() {
            // 31 January 2027 + 30 days is 2 March (February 2027 has 28 days), not "the last day of February".
            Instant purchased = at("2027-01-31T09:00:00+08:00");

            assertThat(windowOn(purchased, "2027-03-02T23:59:00+08:00").passed()).isTrue();
            assertThat(windowOn(purchased, "2027-03-03T00:00:00+08:00").detail()).startsWith("day 31 of 30");
            assertThat(windowOn(purchased, "2027-03-03T00:00:00+08:00").passed()).isFalse();
        }

        private PolicyRuleResult windowOn(Instant purchased, String submittedAt) {
            PolicyFacts facts = new PolicyFacts(cny("1200.00"), cny("1200.00"), purchased, null, ProductUsage.NOT_USED,
                    null, null, null);
            return POLICY.evaluate(facts, OrderRefundPosition.none(), at(submittedAt)).rule(RefundPolicy.REFUND_WINDOW);
        }

        @Test
        void countsFromDeliveryWhenConfiguredAndKnown() {
            RefundPolicy fromDelivery = new RefundPolicy(settings(RefundPolicySettings.WindowStart.DELIVERY, Map.of()));
            PolicyFacts delivered = new PolicyFacts(cny("1200.00"), cny("1200.00"), PURCHASED,
                    at("2026-11-05T10:00:00+08:00"), ProductUsage.NOT_USED, null, null, null);

            PolicyEvaluation evaluation = fromDelivery.evaluate(delivered, OrderRefundPosition.none(),
                    at("2026-12-05T20:00:00+08:00"));

            assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW))
                    .isEqualTo(new PolicyRuleResult("REFUND_WINDOW", true,
                            "day 30 of 30 counted from delivery on 2026-11-05 (Asia/Shanghai)"));
        }

        @Test
        void countsFromPurchaseWhenDeliveryIsConfiguredButNotStated() {
            RefundPolicy fromDelivery = new RefundPolicy(settings(RefundPolicySettings.WindowStart.DELIVERY, Map.of()));

            PolicyEvaluation evaluation = fromDelivery.evaluate(unused("1200.00", "1200.00"), OrderRefundPosition.none(),
                    at("2026-12-02T00:00:00+08:00"));

            assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW).passed()).isFalse();
            assertThat(evaluation.rule(RefundPolicy.REFUND_WINDOW).detail()).contains("purchase (delivery not stated)");
        }
    }

    @Nested
    class Usage {

        @Test
        void unusedIsAFullRefund() {
            PolicyEvaluation evaluation = POLICY.evaluate(unused("1200.00", "1200.00"), OrderRefundPosition.none(),
                    at("2026-11-10T10:00:00+08:00"));

            assertThat(evaluation.rule(RefundPolicy.FULL_REFUND).passed()).isTrue();
            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("1200.00"));
            assertThat(evaluation.deductions()).isEmpty();
        }

        @Test
        void aUsedServiceIsProratedByUnusedDaysRoundedHalfEven() {
            // 265/365 of 1000.00 = 726.0273... -> 726.03
            PolicyFacts service = new PolicyFacts(cny("1000.00"), cny("700.00"), at("2026-01-01T09:00:00+08:00"), null,
                    ProductUsage.USED, at("2026-01-01T00:00:00+08:00"), at("2027-01-01T00:00:00+08:00"), null);

            PolicyEvaluation evaluation = POLICY.evaluate(service, OrderRefundPosition.none(),
                    at("2026-01-20T10:00:00+08:00").plusSeconds(81L * 86400));

            assertThat(evaluation.rule(RefundPolicy.PRORATED).passed()).isTrue();
            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("726.03"));
            assertThat(evaluation.deduction(RefundPolicy.USED_SERVICE))
                    .isEqualTo(new RefundDeduction("USED_SERVICE", cny("273.97"), "100 of 365 days used"));
        }

        @Test
        void aLeapYearPeriodHas366Days() {
            PolicyFacts service = new PolicyFacts(cny("366.00"), cny("100.00"), at("2028-01-01T09:00:00+08:00"), null,
                    ProductUsage.USED, at("2028-01-01T00:00:00+08:00"), at("2029-01-01T00:00:00+08:00"), null);

            PolicyEvaluation evaluation = POLICY.evaluate(service, OrderRefundPosition.none(),
                    at("2028-03-01T12:00:00+08:00"));

            // 31 days of January + 29 of February used.
            assertThat(evaluation.deduction(RefundPolicy.USED_SERVICE).explanation()).isEqualTo("60 of 366 days used");
            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("306.00"));
        }

        @Test
        void usedGoodsFailARuleButAreStillEvaluated() {
            PolicyFacts goods = new PolicyFacts(cny("1200.00"), cny("1200.00"), PURCHASED, null, ProductUsage.USED,
                    null, null, null);

            PolicyEvaluation evaluation = POLICY.evaluate(goods, OrderRefundPosition.none(), at("2026-11-10T10:00:00+08:00"));

            assertThat(evaluation.rule(RefundPolicy.USED_GOODS_NOT_REFUNDABLE).passed()).isFalse();
            assertThat(evaluation.withinPolicy()).isFalse();
            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("0.00"));
            assertThat(evaluation.rule(RefundPolicy.REQUESTED_WITHIN_ELIGIBLE).passed()).isFalse();
        }
    }

    @Nested
    class Deductions {

        @Test
        void clawsBackDiscountsAndChargesTheHandlingFee() {
            RefundPolicy withFee = new RefundPolicy(settings(RefundPolicySettings.WindowStart.PURCHASE,
                    Map.of("CNY", cny("10.00"))));
            PolicyFacts facts = new PolicyFacts(cny("1200.00"), cny("1000.00"), PURCHASED, null, ProductUsage.NOT_USED,
                    null, null, cny("150.00"));

            PolicyEvaluation evaluation = withFee.evaluate(facts, OrderRefundPosition.none(), at("2026-11-10T10:00:00+08:00"));

            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("1040.00"));
            assertThat(evaluation.deductions()).extracting(RefundDeduction::kind, RefundDeduction::amount)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("DISCOUNT_CLAWBACK", cny("150.00")),
                            org.assertj.core.groups.Tuple.tuple("HANDLING_FEE", cny("10.00")));
            assertThat(evaluation.withinPolicy()).isTrue();
        }

        @Test
        void aDiscountLargerThanTheRemainingValueLeavesZeroNeverLess() {
            PolicyFacts facts = new PolicyFacts(cny("100.00"), cny("50.00"), PURCHASED, null, ProductUsage.NOT_USED,
                    null, null, cny("120.00"));

            PolicyEvaluation evaluation = POLICY.evaluate(facts, OrderRefundPosition.none(), at("2026-11-10T10:00:00+08:00"));

            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("0.00"));
            assertThat(evaluation.deduction(RefundPolicy.DISCOUNT_CLAWBACK).amount()).isEqualTo(cny("100.00"));
            assertThat(evaluation.rule(RefundPolicy.REQUESTED_WITHIN_ELIGIBLE).passed()).isFalse();
        }

        @Test
        void refusesAmountsInAnotherCurrencyThanWasPaid() {
            assertRefused(() -> POLICY.evaluate(new PolicyFacts(cny("100.00"), Money.of("10.00", "USD"), PURCHASED,
                            null, ProductUsage.NOT_USED, null, null, null), OrderRefundPosition.none(), PURCHASED),
                    "CURRENCY_MISMATCH", ErrorKind.RULE_VIOLATION, "requestedAmount.currency");
            assertRefused(() -> POLICY.evaluate(new PolicyFacts(cny("100.00"), cny("10.00"), PURCHASED,
                            null, ProductUsage.NOT_USED, null, null, Money.of("1.00", "USD")), OrderRefundPosition.none(), PURCHASED),
                    "CURRENCY_MISMATCH", ErrorKind.RULE_VIOLATION, "discountReceived.currency");
            assertRefused(() -> POLICY.evaluate(unused("100.00", "10.00"),
                            new OrderRefundPosition(Money.of("100.00", "USD"), Money.of("10.00", "USD")), PURCHASED),
                    "CURRENCY_MISMATCH", ErrorKind.RULE_VIOLATION, "paidAmount.currency");
        }
    }

    @Nested
    class OrderCap {

        static final Instant NOW = at("2026-11-10T10:00:00+08:00");

        @Test
        void partialRefundsMaySumToExactlyWhatWasPaid() {
            assertThat(POLICY.evaluate(unused("1200.00", "400.00"), OrderRefundPosition.none(), NOW).withinPolicy()).isTrue();
            assertThat(POLICY.evaluate(unused("1200.00", "400.00"), reserved("1200.00", "400.00"), NOW).withinPolicy()).isTrue();
            PolicyEvaluation third = POLICY.evaluate(unused("1200.00", "400.00"), reserved("1200.00", "800.00"), NOW);

            assertThat(third.withinPolicy()).isTrue();
            assertThat(third.eligibleAmount()).isEqualTo(cny("400.00"));
            assertThat(third.deduction(RefundPolicy.ORDER_CAP).amount()).isEqualTo(cny("800.00"));
        }

        @Test
        void aFourthCentOverWhatWasPaidFailsTheCap() {
            PolicyEvaluation fourth = POLICY.evaluate(unused("1200.00", "0.01"), reserved("1200.00", "1200.00"), NOW);

            assertThat(fourth.rule(RefundPolicy.ORDER_CAP).passed()).isFalse();
            assertThat(fourth.eligibleAmount()).isEqualTo(cny("0.00"));
            assertThat(fourth.withinPolicy()).isFalse();
        }

        @Test
        void countsTheCapAgainstThePaidAmountTheLedgerWasOpenedWith() {
            // A later application claiming a larger payment does not widen the order's cap.
            PolicyEvaluation evaluation = POLICY.evaluate(unused("2000.00", "900.00"), reserved("1200.00", "400.00"), NOW);

            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("800.00"));
            assertThat(evaluation.rule(RefundPolicy.ORDER_CAP).passed()).isFalse();
        }
    }

    @Nested
    class SecondApproval {

        static final Instant NOW = at("2026-11-10T10:00:00+08:00");

        @Test
        void isNotNeededUpToTheThreshold() {
            assertThat(POLICY.evaluate(unused("9000.00", "5000.00"), OrderRefundPosition.none(), NOW)
                    .secondApprovalRequired()).isFalse();
        }

        @Test
        void isNeededAboveTheThreshold() {
            assertThat(POLICY.evaluate(unused("9000.00", "5000.01"), OrderRefundPosition.none(), NOW)
                    .secondApprovalRequired()).isTrue();
        }

        @Test
        void isNeededWhenTheOrdersRunningTotalCrossesTheThreshold() {
            // Splitting 6000.00 into 3000.00 + 3000.00 does not avoid finance: the second one crosses.
            assertThat(POLICY.evaluate(unused("9000.00", "3000.00"), reserved("9000.00", "3000.00"), NOW)
                    .secondApprovalRequired()).isTrue();
            assertThat(POLICY.evaluate(unused("9000.00", "2000.00"), reserved("9000.00", "3000.00"), NOW)
                    .secondApprovalRequired()).isFalse();
        }

        @Test
        void isAlwaysNeededInACurrencyTheThresholdCannotBeComparedWith() {
            assertThat(POLICY.requiresSecondApproval(Money.of("1.00", "USD"), null)).isTrue();
        }
    }

    @Test
    void recordsTheVersionAndTheReviewDeadline() {
        Instant now = at("2026-11-10T10:00:00+08:00");
        PolicyEvaluation evaluation = POLICY.evaluate(unused("1200.00", "1200.00"), OrderRefundPosition.none(), now);

        assertThat(evaluation.policyVersion()).isEqualTo("2026.11-1");
        assertThat(evaluation.reviewDueBy()).isEqualTo(at("2026-11-12T10:00:00+08:00"));
        assertThat(evaluation.rules()).extracting(PolicyRuleResult::rule)
                .containsExactly("REFUND_WINDOW", "FULL_REFUND", "ORDER_CAP", "REQUESTED_WITHIN_ELIGIBLE");
    }
}
