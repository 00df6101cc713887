package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.refundledger.command.testing.DomainErrors.assertRefused;
import static io.refundledger.infrastructure.errors.ErrorKind.INVALID_INPUT;
import static io.refundledger.infrastructure.errors.ErrorKind.RULE_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

class RefundReviewRulesTest {

    static final Money PAID = Money.of("1200.00", "CNY");
    static final Money REQUESTED = Money.of("1000.00", "CNY");

    @Test
    void approvesTheRequestedAmountWhenTheReviewerNamesNone() {
        assertThat(RefundReviewRules.approvedAmount(null, REQUESTED, PAID)).isEqualTo(REQUESTED);
    }

    @Test
    void approvesLessThanRequested() {
        assertThat(RefundReviewRules.approvedAmount(Money.of("800", "CNY"), REQUESTED, PAID))
                .isEqualTo(Money.of("800.00", "CNY"));
    }

    @Test
    void approvesMoreThanRequestedUpToWhatWasPaid() {
        assertThat(RefundReviewRules.approvedAmount(Money.of("1200.00", "CNY"), REQUESTED, PAID)).isEqualTo(PAID);
    }

    @Test
    void refusesToApproveOneCentMoreThanWasPaid() {
        assertRefused(() -> RefundReviewRules.approvedAmount(Money.of("1200.01", "CNY"), REQUESTED, PAID),
                "APPROVED_EXCEEDS_PAID", RULE_VIOLATION, "approvedAmount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1.00"})
    void refusesToApproveNothingOrLess(String amount) {
        assertRefused(() -> RefundReviewRules.approvedAmount(Money.of(amount, "CNY"), REQUESTED, PAID),
                "APPROVED_AMOUNT_NOT_POSITIVE", RULE_VIOLATION, "approvedAmount.amount");
    }

    @Test
    void refusesToApproveInAnotherCurrency() {
        assertRefused(() -> RefundReviewRules.approvedAmount(Money.of("100.00", "USD"), REQUESTED, PAID),
                "CURRENCY_MISMATCH", RULE_VIOLATION, "approvedAmount.currency");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  \t\n"})
    void refusesARejectionWithoutReason(String reason) {
        assertRefused(() -> RefundReviewRules.rejectionReason(reason), "REASON_REQUIRED", INVALID_INPUT, "reason");
    }

    @Test
    void keepsTheReasonWithoutSurroundingWhitespace() {
        assertThat(RefundReviewRules.rejectionReason("  超过30天退款期限 \n")).isEqualTo("超过30天退款期限");
    }

    @Test
    void refusesAnOverlongReason() {
        assertThat(RefundReviewRules.rejectionReason("x".repeat(RefundReviewRules.MAX_REASON_LENGTH))).hasSize(500);
        assertRefused(() -> RefundReviewRules.rejectionReason("x".repeat(RefundReviewRules.MAX_REASON_LENGTH + 1)),
                "REASON_TOO_LONG", INVALID_INPUT, "reason");
    }

    @Test
    void treatsABlankNoteAsNoNote() {
        assertThat(RefundReviewRules.approvalNote(null)).isNull();
        assertThat(RefundReviewRules.approvalNote("   ")).isNull();
        assertThat(RefundReviewRules.approvalNote(" screen part repaired ")).isEqualTo("screen part repaired");
    }

    @Test
    void refusesAnOverlongNote() {
        assertRefused(() -> RefundReviewRules.approvalNote("n".repeat(RefundReviewRules.MAX_NOTE_LENGTH + 1)),
                "NOTE_TOO_LONG", INVALID_INPUT, "note");
    }
}
