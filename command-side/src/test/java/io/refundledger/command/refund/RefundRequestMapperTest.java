package io.refundledger.command.refund;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.command.web.MoneyJson;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static io.refundledger.command.testing.DomainErrors.assertRefused;
import static io.refundledger.infrastructure.errors.ErrorKind.INVALID_INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RefundRequestMapperTest {

    static SubmitRefundRequest request(MoneyJson paid, MoneyJson requested, String reasonCategory, String payoutMethod,
                                       String purchasedAt, String type) {
        return new SubmitRefundRequest(" C-1001 ", "SO-20261101-7", paid, requested, reasonCategory, "屏幕有坏点",
                payoutMethod, purchasedAt, type);
    }

    static SubmitRefundRequest withPaid(MoneyJson paid) {
        return request(paid, new MoneyJson("100.00", "CNY"), "PRODUCT_QUALITY", "ORIGINAL_PAYMENT",
                "2026-11-01T10:00:00+08:00", null);
    }

    static SubmitRefundRequest withCodes(String reasonCategory, String payoutMethod, String type) {
        return request(new MoneyJson("1200.00", "CNY"), new MoneyJson("100.00", "CNY"), reasonCategory, payoutMethod,
                "2026-11-01T10:00:00+08:00", type);
    }

    static SubmitRefundRequest withPurchasedAt(String purchasedAt) {
        return request(new MoneyJson("1200.00", "CNY"), new MoneyJson("100.00", "CNY"), "PRODUCT_QUALITY",
                "ORIGINAL_PAYMENT", purchasedAt, null);
    }

    @Test
    void readsAFullRequest() {
        RequestedRefund refund = RefundRequestMapper.toRequestedRefund(request(new MoneyJson("1200.00", "CNY"),
                new MoneyJson("1000", "CNY"), "PRODUCT_QUALITY", "BANK_TRANSFER", "2026-11-01T10:00:00+08:00",
                "RETURN_AND_REFUND"));

        assertThat(refund).isEqualTo(new RequestedRefund("C-1001", "SO-20261101-7", RefundType.RETURN_AND_REFUND,
                Money.of("1200.00", "CNY"), Money.of("1000.00", "CNY"), RefundReasonCategory.PRODUCT_QUALITY,
                "屏幕有坏点", PayoutMethod.BANK_TRANSFER, Instant.parse("2026-11-01T02:00:00Z")));
    }

    @Test
    void leavesAbsentValuesForTheRulesToReport() {
        RequestedRefund refund = RefundRequestMapper.toRequestedRefund(
                new SubmitRefundRequest(null, null, null, null, null, null, null, null, null));

        assertThat(refund).isEqualTo(new RequestedRefund(null, null, null, null, null, null, null, null, null));
    }

    @Test
    void readsAmountsExactlyAtTheCurrencyScale() {
        assertThat(RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("1E+2", "CNY"))).paidAmount())
                .isEqualTo(Money.of("100.00", "CNY"));
        assertThat(RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("1200.500", "CNY"))).paidAmount())
                .isEqualTo(Money.of("1200.50", "CNY"));
        assertThat(RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("5000", "JPY"))).paidAmount())
                .isEqualTo(Money.of("5000", "JPY"));
    }

    @Test
    void takesJsonNumbersDigitForDigitWithoutBinaryFloatingPoint() throws Exception {
        // 90071992547409.93 has no exact double; going through double would change the cents.
        MoneyJson json = new ObjectMapper().readValue("{\"amount\":90071992547409.93,\"currency\":\"CNY\"}", MoneyJson.class);

        assertThat(json.amount()).isEqualTo("90071992547409.93");
        assertThat(json.toMoney("paidAmount").amount()).isEqualByComparingTo("90071992547409.93");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,00", "abc", "1.2.3", "0x10", "NaN", "Infinity"})
    void refusesAnAmountThatIsNotADecimalNumber(String amount) {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson(amount, "CNY"))),
                "MONEY_AMOUNT_INVALID", INVALID_INPUT, "paidAmount.amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1200.001", "0.005"})
    void refusesMoreDecimalsThanTheCurrencyHas(String amount) {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson(amount, "CNY"))),
                "MONEY_AMOUNT_TOO_PRECISE", INVALID_INPUT, "paidAmount.amount");
    }

    @Test
    void refusesFractionsOfACurrencyWithoutMinorUnits() {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("100.5", "JPY"))),
                "MONEY_AMOUNT_TOO_PRECISE", INVALID_INPUT, "paidAmount.amount");
    }

    @Test
    void refusesHugeAmountsWithoutExpandingThem() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertRefused(
                () -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("1E+999999999", "CNY"))),
                "MONEY_AMOUNT_TOO_LARGE", INVALID_INPUT, "paidAmount.amount"));
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("1" + "0".repeat(15), "CNY"))),
                "MONEY_AMOUNT_TOO_LARGE", INVALID_INPUT, "paidAmount.amount");
        assertThat(RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("9".repeat(15), "CNY"))).paidAmount())
                .isEqualTo(Money.of("999999999999999.00", "CNY"));
    }

    @Test
    void refusesMoneyWithoutAmountOrCurrency() {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson(null, "CNY"))),
                "MONEY_AMOUNT_REQUIRED", INVALID_INPUT, "paidAmount.amount");
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson(" ", "CNY"))),
                "MONEY_AMOUNT_REQUIRED", INVALID_INPUT, "paidAmount.amount");
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("1.00", null))),
                "MONEY_CURRENCY_REQUIRED", INVALID_INPUT, "paidAmount.currency");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "cny", "RMB", "CNYY", "XAU", "XXX"})
    void refusesWhatIsNotAnIsoCurrencyOfMoney(String currency) {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPaid(new MoneyJson("1.00", currency))),
                "UNKNOWN_CURRENCY", INVALID_INPUT, "paidAmount.currency");
    }

    @Test
    void namesWhichAmountItCouldNotRead() {
        SubmitRefundRequest request = request(new MoneyJson("1.00", "CNY"), new MoneyJson("1.00", "EURO"),
                "PRODUCT_QUALITY", "ORIGINAL_PAYMENT", "2026-11-01T10:00:00+08:00", null);
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(request),
                "UNKNOWN_CURRENCY", INVALID_INPUT, "requestedAmount.currency");
    }

    @Test
    void refusesUnknownCodes() {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withCodes("BROKEN_SCREEN", "ORIGINAL_PAYMENT", null)),
                "UNKNOWN_REASON_CATEGORY", INVALID_INPUT, "reasonCategory");
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withCodes("product_quality", "ORIGINAL_PAYMENT", null)),
                "UNKNOWN_REASON_CATEGORY", INVALID_INPUT, "reasonCategory");
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withCodes("PRODUCT_QUALITY", "CASH", null)),
                "UNKNOWN_PAYOUT_METHOD", INVALID_INPUT, "payoutMethod");
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withCodes("PRODUCT_QUALITY", "ORIGINAL_PAYMENT", "REFUND")),
                "UNKNOWN_REFUND_TYPE", INVALID_INPUT, "type");
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withCodes("PRODUCT_QUALITY", "ORIGINAL_PAYMENT", "")),
                "UNKNOWN_REFUND_TYPE", INVALID_INPUT, "type");
    }

    @Test
    void treatsABlankCodeAsAbsent() {
        RequestedRefund refund = RefundRequestMapper.toRequestedRefund(withCodes(" ", "", null));
        assertThat(refund.reasonCategory()).isNull();
        assertThat(refund.payoutMethod()).isNull();
    }

    @Test
    void readsPurchaseTimesWithAnyOffset() {
        assertThat(RefundRequestMapper.toRequestedRefund(withPurchasedAt("2026-11-01T02:00:00Z")).purchasedAt())
                .isEqualTo(Instant.parse("2026-11-01T02:00:00Z"));
        assertThat(RefundRequestMapper.toRequestedRefund(withPurchasedAt("2026-11-01T10:00:00.250+08:00")).purchasedAt())
                .isEqualTo(Instant.parse("2026-11-01T02:00:00.250Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-01", "2026-11-01T10:00:00", "2026-11-01 10:00:00+08:00", "yesterday", "1730426400"})
    void refusesPurchaseTimesWithoutDateTimeAndOffset(String purchasedAt) {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(withPurchasedAt(purchasedAt)),
                "PURCHASED_AT_INVALID", INVALID_INPUT, "purchasedAt");
    }

    @Test
    void approvesTheRequestedAmountWhenNoBodyIsSent() {
        assertThat(RefundRequestMapper.toCommand("A-1", (ApproveRefundRequest) null))
                .isEqualTo(new ApproveRefundApplication("A-1", null, null));
    }

    @Test
    void readsAnApprovedAmountAndNote() {
        assertThat(RefundRequestMapper.toCommand("A-1", new ApproveRefundRequest(new MoneyJson("800", "CNY"), "partial")))
                .isEqualTo(new ApproveRefundApplication("A-1", Money.of("800.00", "CNY"), "partial"));
        assertRefused(() -> RefundRequestMapper.toCommand("A-1", new ApproveRefundRequest(new MoneyJson("8OO", "CNY"), null)),
                "MONEY_AMOUNT_INVALID", INVALID_INPUT, "approvedAmount.amount");
    }

    @Test
    void passesAMissingRejectionReasonOnForTheAggregateToRefuse() {
        assertThat(RefundRequestMapper.toCommand("A-1", (RejectRefundRequest) null))
                .isEqualTo(new RejectRefundApplication("A-1", null));
    }

    @Test
    void readsThePolicyFacts() {
        RequestedRefund refund = RefundRequestMapper.toRequestedRefund(new SubmitRefundRequest("C-1001", "SO-1",
                new MoneyJson("1200.00", "CNY"), new MoneyJson("600.00", "CNY"), "OTHER", null, "ORIGINAL_PAYMENT",
                "2026-11-01T10:00:00+08:00", null, "2026-11-03T10:00:00+08:00", "USED", "2026-11-01T00:00:00+08:00",
                "2027-11-01T00:00:00+08:00", new MoneyJson("50", "CNY"), " CRM-MOBILE-PRO ", "SMB"));

        assertThat(refund.deliveredAt()).isEqualTo(Instant.parse("2026-11-03T02:00:00Z"));
        assertThat(refund.usage()).isEqualTo(io.refundledger.events.refund.ProductUsage.USED);
        assertThat(refund.servicePeriodStart()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(refund.servicePeriodEnd()).isEqualTo(Instant.parse("2027-10-31T16:00:00Z"));
        assertThat(refund.discountReceived()).isEqualTo(Money.of("50.00", "CNY"));
        assertThat(refund.productId()).isEqualTo("CRM-MOBILE-PRO");
        assertThat(refund.customerSegment()).isEqualTo("SMB");
    }

    @Test
    void namesThePolicyFactThatCannotBeRead() {
        assertRefused(() -> RefundRequestMapper.toRequestedRefund(new SubmitRefundRequest("C-1001", "SO-1",
                        new MoneyJson("1200.00", "CNY"), new MoneyJson("600.00", "CNY"), "OTHER", null, "ORIGINAL_PAYMENT",
                        "2026-11-01T10:00:00+08:00", null, "2026-11-03", null, null, null, null, null, null)),
                "DELIVERED_AT_INVALID", INVALID_INPUT, "deliveredAt");
        assertRefused(() -> RefundRequestMapper.toCommand("id", new RatingRequest("5 stars", null)),
                "RATING_OUT_OF_RANGE", INVALID_INPUT, "rating");
        assertRefused(() -> RefundRequestMapper.toCommand("id", new InspectionRequest("OK", null, null)),
                "UNKNOWN_INSPECTION_OUTCOME", INVALID_INPUT, "outcome");
    }
}
