package io.refundledger.command.subscription.process;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.SettlementStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** What a cancellation process has due, and when, as its events arrive. Pure: no Spring, no database. */
class CancellationProcessStepsTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant REQUESTED = Instant.parse("2026-06-14T02:00:00Z");
    static final Money NET = Money.of("657.53", "CNY");

    static CancellationProcess requested(CancellationEffect effect, LocalDate effectiveDate) {
        return CancellationProcess.of("S-1").started("C-1", "SMB", "P-1", "subscription:S-1")
                .cancellationRequested("K-1", "C-1", CancellationReason.PRICE, null, effect, effectiveDate, REQUESTED)
                .settled("K-1", LocalDate.parse("2026-01-01"), Money.of("1200.00", "CNY"), NET);
    }

    static CancellationProcess terminated() {
        return requested(CancellationEffect.IMMEDIATELY, LocalDate.parse("2026-06-15"))
                .exportRequested("K-1", "E-1").exportCompleted("E-1").accountsDeactivated("K-1")
                .terminated("K-1", NET, LocalDate.parse("2026-07-14"), REQUESTED.plusSeconds(60));
    }

    @Test
    void aSubscriptionWithoutCancellationHasNothingDue() {
        assertThat(CancellationProcess.of("S-1").started("C-1", null, null, "subscription:S-1").next(SHANGHAI)).isEmpty();
    }

    @Test
    void anImmediateCancellationIsExportedAtOnce() {
        DueStep due = requested(CancellationEffect.IMMEDIATELY, LocalDate.parse("2026-06-15")).next(SHANGHAI).orElseThrow();

        assertThat(due.step()).isEqualTo(CancellationStep.REQUEST_EXPORT);
        assertThat(due.dueAt()).isEqualTo(REQUESTED);
        assertThat(due.dispatchKey()).isEqualTo("S-1:K-1:REQUEST_EXPORT");
    }

    @Test
    void anEndOfTermCancellationIsCarriedOutFromTheStartOfTheEffectiveDateInTheBusinessZone() {
        CancellationProcess process = requested(CancellationEffect.END_OF_TERM, LocalDate.parse("2027-01-01"));

        assertThat(process.next(SHANGHAI).orElseThrow().dueAt()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(process.exportRequested("K-1", "E-1").exportCompleted("E-1").next(SHANGHAI).orElseThrow())
                .extracting(DueStep::step, DueStep::dueAt)
                .containsExactly(CancellationStep.DEACTIVATE_ACCOUNTS, Instant.parse("2026-12-31T16:00:00Z"));
    }

    @Test
    void eventsOfAnotherCancellationChangeNothing() {
        CancellationProcess process = requested(CancellationEffect.IMMEDIATELY, LocalDate.parse("2026-06-15"));

        assertThat(process.exportRequested("K-0", "E-0").revoked("K-0")).isEqualTo(process);
    }

    @Test
    void aRevokedCancellationHasNothingDueAndANewOneStartsAfresh() {
        CancellationProcess revoked = requested(CancellationEffect.END_OF_TERM, LocalDate.parse("2027-01-01"))
                .exportRequested("K-1", "E-1").revoked("K-1");
        assertThat(revoked.next(SHANGHAI)).isEmpty();

        CancellationProcess again = revoked.cancellationRequested("K-2", "C-1", CancellationReason.OTHER, null,
                CancellationEffect.IMMEDIATELY, LocalDate.parse("2026-09-02"), REQUESTED.plusSeconds(3600));
        assertThat(again.exportId()).isNull();
        assertThat(again.next(SHANGHAI).orElseThrow().dispatchKey()).isEqualTo("S-1:K-2:REQUEST_EXPORT");
    }

    @Test
    void afterTerminationTheRefundIsOpenedRecordedAndFollowedStatusByStatus() {
        CancellationProcess process = terminated();
        assertThat(process.next(SHANGHAI).orElseThrow().step()).isEqualTo(CancellationStep.OPEN_REFUND);

        process = process.refundOpened("R-1", "RF-20260614-000001");
        assertThat(process.next(SHANGHAI).orElseThrow().step()).isEqualTo(CancellationStep.RECORD_REFUND);

        process = process.refundRecorded("R-1", "RF-20260614-000001")
                .refundMovedOn("R-1", SettlementStatus.REFUND_APPROVED, NET)
                .refundMovedOn("R-1", SettlementStatus.REFUND_PAID, NET)
                .refundMovedOn("R-other", SettlementStatus.REFUND_REJECTED, null);
        DueStep approved = process.next(SHANGHAI).orElseThrow();
        assertThat(approved.step()).isEqualTo(CancellationStep.RECORD_SETTLEMENT_STATUS);
        assertThat(approved.dispatchKey()).isEqualTo("S-1:K-1:RECORD_SETTLEMENT_STATUS:0:REFUND_APPROVED");
        assertThat(process.nextStatusToRecord().status()).isEqualTo(SettlementStatus.REFUND_APPROVED);

        process = process.settlementStatusRecorded("R-1", SettlementStatus.REFUND_APPROVED);
        assertThat(process.nextStatusToRecord().status()).isEqualTo(SettlementStatus.REFUND_PAID);

        process = process.settlementStatusRecorded("R-1", SettlementStatus.REFUND_PAID);
        assertThat(process.next(SHANGHAI).orElseThrow().step()).isEqualTo(CancellationStep.PURGE_PERSONAL_DATA);
    }

    @Test
    void personalDataIsPurgedOnTheDayAfterRetentionAndThenTheKeyIsDestroyed() {
        CancellationProcess process = terminated().refundOpened("R-1", "RF-1").refundRecorded("R-1", "RF-1");

        assertThat(process.next(SHANGHAI).orElseThrow()).extracting(DueStep::step, DueStep::dueAt)
                .containsExactly(CancellationStep.PURGE_PERSONAL_DATA, Instant.parse("2026-07-14T16:00:00Z"));

        CancellationProcess purged = process.purged("subscription:S-1", Instant.parse("2026-07-15T01:00:00Z"));
        assertThat(purged.next(SHANGHAI).orElseThrow().step()).isEqualTo(CancellationStep.DESTROY_KEY);
    }

    @Test
    void aSettlementWithNothingToRefundGoesStraightToThePurge() {
        CancellationProcess process = requested(CancellationEffect.END_OF_TERM, LocalDate.parse("2027-01-01"))
                .settled("K-1", LocalDate.parse("2026-01-01"), Money.of("1200.00", "CNY"), Money.of("0.00", "CNY"))
                .exportRequested("K-1", "E-1").exportCompleted("E-1").accountsDeactivated("K-1")
                .terminated("K-1", Money.of("0.00", "CNY"), LocalDate.parse("2027-01-30"), Instant.parse("2026-12-31T16:00:00Z"));

        assertThat(process.next(SHANGHAI).orElseThrow().step()).isEqualTo(CancellationStep.PURGE_PERSONAL_DATA);
    }

    @Test
    void cancellationReasonsMapToRefundReasonCategories() {
        assertThat(SettlementRefunds.reasonCategory(CancellationReason.NO_LONGER_NEEDED)).isEqualTo(RefundReasonCategory.BUSINESS_CHANGE);
        assertThat(SettlementRefunds.reasonCategory(CancellationReason.SWITCHED_PROVIDER)).isEqualTo(RefundReasonCategory.BUSINESS_CHANGE);
        assertThat(SettlementRefunds.reasonCategory(CancellationReason.SYSTEM_PERFORMANCE)).isEqualTo(RefundReasonCategory.TECHNICAL_PROBLEMS);
        assertThat(SettlementRefunds.reasonCategory(CancellationReason.PRICE)).isEqualTo(RefundReasonCategory.PRICE_CHANGE);
        assertThat(SettlementRefunds.reasonCategory(CancellationReason.CONTRACT_TERMS)).isEqualTo(RefundReasonCategory.OTHER);
        assertThat(SettlementRefunds.reasonCategory(CancellationReason.OTHER)).isEqualTo(RefundReasonCategory.OTHER);
    }

    @Test
    void theRefundApplicationIdIsTheSameForEveryRetryOfOneCancellation() {
        assertThat(SettlementRefunds.applicationIdFor("K-1")).isEqualTo(SettlementRefunds.applicationIdFor("K-1"))
                .isNotEqualTo(SettlementRefunds.applicationIdFor("K-2"));
    }
}
