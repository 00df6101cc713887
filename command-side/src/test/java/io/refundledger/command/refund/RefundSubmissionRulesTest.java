package io.refundledger.command.refund;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.refundledger.command.refund.SampleRefund.aRefund;
import static io.refundledger.command.testing.DomainErrors.assertRefused;
import static io.refundledger.infrastructure.errors.ErrorKind.INVALID_INPUT;
import static io.refundledger.infrastructure.errors.ErrorKind.RULE_VIOLATION;
import static org.assertj.core.api.Assertions.assertThatCode;

class RefundSubmissionRulesTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    static void check(SampleRefund refund) {
        RefundSubmissionRules.check(refund.asRequested(), NOW);
    }

    static void assertAccepted(SampleRefund refund) {
        assertThatCode(() -> check(refund)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAWellFormedApplication() {
        assertAccepted(aRefund());
    }

    @Nested
    class Amounts {

        @Test
        void acceptsARequestOfExactlyWhatWasPaid() {
            assertAccepted(aRefund().paid("1200.00", "CNY").requesting("1200.00", "CNY"));
        }

        @Test
        void acceptsAPartialRequest() {
            assertAccepted(aRefund().paid("1200.00", "CNY").requesting("0.01", "CNY"));
        }

        @Test
        void refusesARequestOneCentAbovePaid() {
            assertRefused(() -> check(aRefund().paid("1200.00", "CNY").requesting("1200.01", "CNY")),
                    "REQUESTED_EXCEEDS_PAID", RULE_VIOLATION, "requestedAmount");
        }

        @Test
        void comparesAmountsByValueNotByHowManyDecimalsWereWritten() {
            assertAccepted(aRefund().paid("1200", "CNY").requesting("1200.0", "CNY"));
            assertRefused(() -> check(aRefund().paid("1200", "CNY").requesting("1200.1", "CNY")),
                    "REQUESTED_EXCEEDS_PAID", RULE_VIOLATION, "requestedAmount");
        }

        @Test
        void respectsCurrenciesWithoutMinorUnits() {
            assertAccepted(aRefund().paid("5000", "JPY").requesting("5000", "JPY"));
            assertRefused(() -> check(aRefund().paid("5000", "JPY").requesting("5001", "JPY")),
                    "REQUESTED_EXCEEDS_PAID", RULE_VIOLATION, "requestedAmount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-0.01", "-1200.00"})
        void refusesARequestedAmountThatIsNotPositive(String amount) {
            assertRefused(() -> check(aRefund().requesting(amount, "CNY")),
                    "REQUESTED_AMOUNT_NOT_POSITIVE", RULE_VIOLATION, "requestedAmount.amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5.00"})
        void refusesAPaidAmountThatIsNotPositive(String amount) {
            assertRefused(() -> check(aRefund().paid(amount, "CNY")),
                    "PAID_AMOUNT_NOT_POSITIVE", RULE_VIOLATION, "paidAmount.amount");
        }

        @Test
        void refusesARequestInAnotherCurrencyThanWasPaid() {
            assertRefused(() -> check(aRefund().paid("1200.00", "CNY").requesting("100.00", "USD")),
                    "CURRENCY_MISMATCH", RULE_VIOLATION, "requestedAmount.currency");
        }

        @Test
        void reportsTheCurrencyMismatchEvenWhenTheNumberWouldExceedPaid() {
            assertRefused(() -> check(aRefund().paid("100.00", "CNY").requesting("5000.00", "USD")),
                    "CURRENCY_MISMATCH", RULE_VIOLATION, "requestedAmount.currency");
        }
    }

    @Nested
    class RequiredValues {

        static Stream<Arguments> missingValues() {
            return Stream.of(
                    missing("customerId", "CUSTOMER_ID_REQUIRED", r -> r.customerId = null),
                    missing("customerId", "CUSTOMER_ID_REQUIRED", r -> r.customerId = "   "),
                    missing("orderId", "ORDER_ID_REQUIRED", r -> r.orderId = null),
                    missing("orderId", "ORDER_ID_REQUIRED", r -> r.orderId = ""),
                    missing("paidAmount", "PAID_AMOUNT_REQUIRED", r -> r.paidAmount = null),
                    missing("requestedAmount", "REQUESTED_AMOUNT_REQUIRED", r -> r.requestedAmount = null),
                    missing("reasonCategory", "REASON_CATEGORY_REQUIRED", r -> r.reasonCategory = null),
                    missing("payoutMethod", "PAYOUT_METHOD_REQUIRED", r -> r.payoutMethod = null),
                    missing("purchasedAt", "PURCHASED_AT_REQUIRED", r -> r.purchasedAt = null));
        }

        static Arguments missing(String field, String code, Consumer<SampleRefund> change) {
            return Arguments.of(field, code, change);
        }

        @ParameterizedTest(name = "{1} for {0}")
        @MethodSource("missingValues")
        void refusesAnApplicationWithoutIt(String field, String code, Consumer<SampleRefund> change) {
            SampleRefund refund = aRefund();
            change.accept(refund);
            assertRefused(() -> check(refund), code, INVALID_INPUT, field);
        }

        @Test
        void acceptsAnApplicationWithoutReasonText() {
            SampleRefund refund = aRefund();
            refund.reasonText = null;
            assertAccepted(refund);
        }

        @Test
        void reportsMissingValuesBeforeBrokenRules() {
            SampleRefund refund = aRefund().paid("100.00", "CNY").requesting("900.00", "CNY");
            refund.customerId = null;
            assertRefused(() -> check(refund), "CUSTOMER_ID_REQUIRED", INVALID_INPUT, "customerId");
        }
    }

    @Nested
    class Lengths {

        @Test
        void acceptsIdsUpToTheLimit() {
            SampleRefund refund = aRefund();
            refund.customerId = "C".repeat(RefundSubmissionRules.MAX_ID_LENGTH);
            refund.orderId = "O".repeat(RefundSubmissionRules.MAX_ID_LENGTH);
            assertAccepted(refund);
        }

        @Test
        void refusesIdsBeyondTheLimit() {
            SampleRefund longCustomer = aRefund();
            longCustomer.customerId = "C".repeat(RefundSubmissionRules.MAX_ID_LENGTH + 1);
            assertRefused(() -> check(longCustomer), "CUSTOMER_ID_TOO_LONG", INVALID_INPUT, "customerId");

            SampleRefund longOrder = aRefund();
            longOrder.orderId = "O".repeat(RefundSubmissionRules.MAX_ID_LENGTH + 1);
            assertRefused(() -> check(longOrder), "ORDER_ID_TOO_LONG", INVALID_INPUT, "orderId");
        }

        @Test
        void countsReasonTextInCharactersPeopleSee() {
            SampleRefund chinese = aRefund();
            chinese.reasonText = "坏".repeat(RefundSubmissionRules.MAX_REASON_TEXT_LENGTH);
            assertAccepted(chinese);

            // An emoji is two UTF-16 units but one character.
            SampleRefund emoji = aRefund();
            emoji.reasonText = "😡".repeat(RefundSubmissionRules.MAX_REASON_TEXT_LENGTH);
            assertAccepted(emoji);
        }

        @Test
        void refusesReasonTextBeyondTheLimit() {
            SampleRefund refund = aRefund();
            refund.reasonText = "坏".repeat(RefundSubmissionRules.MAX_REASON_TEXT_LENGTH + 1);
            assertRefused(() -> check(refund), "REASON_TEXT_TOO_LONG", INVALID_INPUT, "reasonText");
        }
    }

    @Nested
    class PurchaseTime {

        @Test
        void acceptsAPurchaseRightNow() {
            SampleRefund refund = aRefund();
            refund.purchasedAt = NOW;
            assertAccepted(refund);
        }

        @Test
        void toleratesClocksThatRunSlightlyAhead() {
            SampleRefund refund = aRefund();
            refund.purchasedAt = NOW.plus(RefundSubmissionRules.CLOCK_SKEW_TOLERANCE);
            assertAccepted(refund);
        }

        @Test
        void refusesAPurchaseInTheFuture() {
            SampleRefund refund = aRefund();
            refund.purchasedAt = NOW.plus(RefundSubmissionRules.CLOCK_SKEW_TOLERANCE).plus(Duration.ofSeconds(1));
            assertRefused(() -> check(refund), "PURCHASED_AT_IN_FUTURE", RULE_VIOLATION, "purchasedAt");
        }
    }
}
