package io.refundledger.command.subscription.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.command.refund.ApproveRefundApplication;
import io.refundledger.command.refund.RecordPayoutSuccess;
import io.refundledger.command.refund.StartPayout;
import io.refundledger.command.refund.SubmitRefundApplication;
import io.refundledger.command.subscription.ConfirmSubscriptionTermination;
import io.refundledger.command.subscription.DeactivateSubscriptionAccounts;
import io.refundledger.command.subscription.PurgeSubscriptionPersonalData;
import io.refundledger.command.subscription.RecordSettlementRefund;
import io.refundledger.command.subscription.RecordSettlementStatus;
import io.refundledger.command.subscription.RequestSubscriptionCancellation;
import io.refundledger.command.subscription.RequestSubscriptionDataExport;
import io.refundledger.command.subscription.RevokeSubscriptionCancellation;
import io.refundledger.command.subscription.StartSubscription;
import io.refundledger.command.subscription.SubscriptionContact;
import io.refundledger.command.subscription.SubscriptionPersonalData;
import io.refundledger.command.subscription.CompleteSubscriptionDataExport;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionAccountsDeactivated;
import io.refundledger.events.subscription.SubscriptionDataExportCompleted;
import io.refundledger.events.subscription.SubscriptionDataExportRequested;
import io.refundledger.events.subscription.SubscriptionPersonalDataPurged;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cancellation process manager with time elapsing: what it does, when, and that it neither forgets (restart)
 * nor repeats itself (replay).
 */
class SubscriptionCancellationProcessTest {

    static final String SUBSCRIPTION = "S-2026-0042";
    static final String CANCELLATION = "K-2026-0042-1";
    static final LocalDate JUNE_14 = LocalDate.parse("2026-06-14");
    static final LocalDate JUNE_15 = LocalDate.parse("2026-06-15");
    static final LocalDate NEW_YEAR = LocalDate.parse("2027-01-01");
    static final SubscriptionContact CONTACT = new SubscriptionContact("王芳", "wang.fang@example.com", "+86 138 0000 0000");

    @TempDir
    Path exports;
    CancellationProcessHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    /** An annual 2026 subscription, 1200.00 CNY prepaid, no penalty, 30 days' notice, personal data kept 30 days. */
    void givenAnnualSubscription() {
        harness = new CancellationProcessHarness(JUNE_14, exports);
        harness.send(new StartSubscription(SUBSCRIPTION, "C-1001", "SMB", "CRM-MOBILE-PRO", "P-CRM-MOBILE", 10,
                LocalDate.parse("2026-01-01"), NEW_YEAR, cny("1200.00"), cny("0.00"),
                new ContractTerms(0, EarlyTerminationPenalty.none(), 30, 30), true, CONTACT), "agent", "CUSTOMER_SERVICE");
        harness.settle();
    }

    void cancel(CancellationEffect effect) {
        harness.send(new RequestSubscriptionCancellation(SUBSCRIPTION, CANCELLATION, CancellationReason.SWITCHED_PROVIDER,
                "moving to another CRM", effect), "agent", "CUSTOMER_SERVICE");
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    @Test
    void anImmediateCancellationRunsThroughExportDeactivationTerminationAndTheLinkedRefund() throws Exception {
        givenAnnualSubscription();
        cancel(CancellationEffect.IMMEDIATELY);

        harness.settle();

        // In this order, each only after the previous one's event.
        assertThat(harness.sentByTheProcess).extracting(Object::getClass).containsExactly(
                RequestSubscriptionDataExport.class, CompleteSubscriptionDataExport.class,
                DeactivateSubscriptionAccounts.class, ConfirmSubscriptionTermination.class,
                SubmitRefundApplication.class, RecordSettlementRefund.class);
        SubscriptionDataExportCompleted exported = harness.eventsOf(SUBSCRIPTION, SubscriptionDataExportCompleted.class).get(0);
        Path file = Path.of(exported.exportReference());
        assertThat(file).isEqualTo(exports.resolve(exported.exportId() + ".json"));
        byte[] content = Files.readAllBytes(file);
        assertThat(exported.checksum()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        JsonNode export = new ObjectMapper().readTree(content);
        assertThat(export.path("subscriptionId").asText()).isEqualTo(SUBSCRIPTION);
        assertThat(export.path("events").get(0).path("type").asText()).isEqualTo("SubscriptionStarted");
        assertThat(export.path("events").get(0).path("payload").path("contact").path("email").asText())
                .isEqualTo("wang.fang@example.com");

        SubscriptionTerminated terminated = harness.eventsOf(SUBSCRIPTION, SubscriptionTerminated.class).get(0);
        assertThat(terminated.confirmationNumber()).matches("TC-20260614-[0-9A-F]{8}");
        assertThat(terminated.netRefund()).isEqualTo(cny("657.53")); // 1200.00 × 200 / 365 unused days
        assertThat(harness.eventsOf(SUBSCRIPTION, SubscriptionAccountsDeactivated.class)).hasSize(1);

        SettlementRefundRequested linked = harness.eventsOf(SUBSCRIPTION, SettlementRefundRequested.class).get(0);
        assertThat(linked.refundApplicationId()).isEqualTo(SettlementRefunds.applicationIdFor(CANCELLATION));
        assertThat(linked.amount()).isEqualTo(cny("657.53"));
        RefundApplicationSubmitted refund = harness.eventsOf(linked.refundApplicationId(), RefundApplicationSubmitted.class).get(0);
        assertThat(refund.subscriptionId()).isEqualTo(SUBSCRIPTION);
        assertThat(refund.applicationNumber()).isEqualTo(linked.applicationNumber()).startsWith("RF-20260614-");
        assertThat(refund.orderId()).isEqualTo("subscription:" + SUBSCRIPTION);
        assertThat(refund.paidAmount()).isEqualTo(cny("1200.00"));
        assertThat(refund.requestedAmount()).isEqualTo(cny("657.53"));
        assertThat(refund.reasonCategory()).isEqualTo(RefundReasonCategory.BUSINESS_CHANGE);
        assertThat(refund.payoutMethod()).isEqualTo(PayoutMethod.ORIGINAL_PAYMENT);
        assertThat(refund.purchasedAt()).isEqualTo(CancellationProcessHarness.at(LocalDate.parse("2026-01-01"), 0, 0));
        assertThat(refund.productId()).isEqualTo("P-CRM-MOBILE");
        assertThat(refund.customerSegment()).isEqualTo("SMB");
        RefundPolicyEvaluated evaluation = harness.eventsOf(linked.refundApplicationId(), RefundPolicyEvaluated.class).get(0);
        assertThat(evaluation.withinPolicy()).isTrue();
        assertThat(evaluation.rules()).extracting(r -> r.rule()).contains("SETTLED_BY_CONTRACT");
    }

    @Test
    void anEndOfTermCancellationDoesNothingUntilTheEffectiveDateThenCarriesItOut() {
        givenAnnualSubscription();
        cancel(CancellationEffect.END_OF_TERM);

        harness.settle();
        harness.setTime(LocalDate.parse("2026-12-31"), 23, 59);
        harness.settle();

        assertThat(harness.sentByTheProcess).isEmpty();

        harness.setTime(NEW_YEAR, 0, 0); // the effective date begins in Shanghai
        harness.settle();

        assertThat(harness.sentByTheProcess).extracting(Object::getClass).containsExactly(
                RequestSubscriptionDataExport.class, CompleteSubscriptionDataExport.class,
                DeactivateSubscriptionAccounts.class, ConfirmSubscriptionTermination.class);
        SubscriptionTerminated terminated = harness.eventsOf(SUBSCRIPTION, SubscriptionTerminated.class).get(0);
        assertThat(terminated.effectiveDate()).isEqualTo(NEW_YEAR);
        assertThat(terminated.netRefund()).isEqualTo(cny("0.00"));
        assertThat(harness.eventsOf(SUBSCRIPTION, SettlementRefundRequested.class)).isEmpty(); // nothing to refund
    }

    @Test
    void aRevokedCancellationClosesTheProcess() {
        givenAnnualSubscription();
        cancel(CancellationEffect.END_OF_TERM);
        harness.settle();
        harness.setTime(LocalDate.parse("2026-09-01"), 10, 0);
        harness.send(new RevokeSubscriptionCancellation(SUBSCRIPTION, "staying after all"), "agent", "CUSTOMER_SERVICE");
        harness.settle();

        harness.setTime(NEW_YEAR, 9, 0);
        harness.settle();

        assertThat(harness.sentByTheProcess).isEmpty();
        assertThat(harness.store.dueIndex()).doesNotContainKey(SUBSCRIPTION);
        assertThat(harness.eventsOf(SUBSCRIPTION, SubscriptionDataExportRequested.class)).isEmpty();
    }

    @Test
    void aRestartedProcessManagerContinuesWhereTheLastOneStopped() {
        givenAnnualSubscription();
        cancel(CancellationEffect.IMMEDIATELY);
        harness.deliver();
        harness.runner.runDue(); // the export is requested …
        harness.deliver();
        assertThat(harness.sentByTheProcess).extracting(Object::getClass).containsExactly(RequestSubscriptionDataExport.class);

        harness.restart(); // … and the application goes down: new instances, the same database
        harness.settle();

        assertThat(harness.sentByTheProcess).extracting(Object::getClass).containsExactly(
                RequestSubscriptionDataExport.class, CompleteSubscriptionDataExport.class,
                DeactivateSubscriptionAccounts.class, ConfirmSubscriptionTermination.class,
                SubmitRefundApplication.class, RecordSettlementRefund.class);
        assertThat(harness.eventsOf(SUBSCRIPTION, SubscriptionDataExportRequested.class)).hasSize(1);
        assertThat(harness.eventsOf(SUBSCRIPTION, SettlementRefundRequested.class)).hasSize(1);
    }

    @Test
    void aReplayRebuildsTheStateWithoutSendingAnyCommandAgain() throws Exception {
        givenAnnualSubscription();
        cancel(CancellationEffect.IMMEDIATELY);
        harness.settle();
        List<Object> sentBefore = List.copyOf(harness.sentByTheProcess);
        CancellationProcess before = harness.store.find(SUBSCRIPTION).orElseThrow().process();

        harness.resetForReplay();
        // The runner keeps running while the replay passes through every intermediate state.
        while (harness.deliverOne()) {
            harness.runner.runDue();
        }
        harness.settle();

        assertThat(harness.sentByTheProcess).isEqualTo(sentBefore);
        assertThat(harness.store.find(SUBSCRIPTION).orElseThrow().process()).isEqualTo(before);
    }

    @Test
    void afterTheRetentionPeriodThePersonalDataIsPurgedAndTheKeyDestroyed() {
        givenAnnualSubscription();
        cancel(CancellationEffect.IMMEDIATELY);
        harness.settle();
        SubscriptionTerminated terminated = harness.eventsOf(SUBSCRIPTION, SubscriptionTerminated.class).get(0);
        assertThat(terminated.personalDataRetainedUntil()).isEqualTo(LocalDate.parse("2026-07-14")); // 30 days from 15 June

        harness.setTime(LocalDate.parse("2026-07-14"), 23, 59);
        harness.settle();
        assertThat(harness.eventsOf(SUBSCRIPTION, SubscriptionPersonalDataPurged.class)).isEmpty();
        assertThat(harness.vault.isDestroyed(SubscriptionPersonalData.keyId(SUBSCRIPTION))).isFalse();

        harness.setTime(LocalDate.parse("2026-07-15"), 0, 0);
        harness.settle();

        assertThat(harness.sentByTheProcess).last().isInstanceOf(PurgeSubscriptionPersonalData.class);
        assertThat(harness.eventsOf(SUBSCRIPTION, SubscriptionPersonalDataPurged.class)).hasSize(1);
        assertThat(harness.vault.isDestroyed(SubscriptionPersonalData.keyId(SUBSCRIPTION))).isTrue();
        SubscriptionStarted started = harness.eventsOf(SUBSCRIPTION, SubscriptionStarted.class).get(0);
        assertThat(SubscriptionPersonalData.decrypt(harness.vault, started.contact())).isEmpty();
        assertThat(harness.store.dueIndex()).doesNotContainKey(SUBSCRIPTION); // nothing left to do
    }

    @Test
    void theLinkedRefundApprovedAndPaidUpdatesTheSettlementStatus() {
        givenAnnualSubscription();
        cancel(CancellationEffect.IMMEDIATELY);
        harness.settle();
        String refundId = SettlementRefunds.applicationIdFor(CANCELLATION);

        harness.send(new ApproveRefundApplication(refundId, null, "settlement checked"), "reviewer", "REVIEWER");
        harness.settle();
        harness.send(new StartPayout(refundId, "PO-1", null), "finance", "FINANCE");
        harness.send(new RecordPayoutSuccess(refundId, "PO-1", "BANK-REF-77"), "finance", "FINANCE");
        harness.settle();

        assertThat(harness.eventsOf(SUBSCRIPTION, SettlementStatusChanged.class))
                .extracting(SettlementStatusChanged::status, SettlementStatusChanged::amount, SettlementStatusChanged::refundApplicationId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SettlementStatus.REFUND_APPROVED, cny("657.53"), refundId),
                        org.assertj.core.groups.Tuple.tuple(SettlementStatus.REFUND_PAID, cny("657.53"), refundId));
        assertThat(harness.sentByTheProcess).filteredOn(RecordSettlementStatus.class::isInstance).hasSize(2);
    }

    @Test
    void aFailingStepIsRetriedAfterABackoff() throws Exception {
        givenAnnualSubscription();
        // The export directory cannot be created: a file is in the way.
        Files.delete(exports);
        Files.writeString(exports, "not a directory");
        cancel(CancellationEffect.IMMEDIATELY);
        harness.settle();

        assertThat(harness.sentByTheProcess).extracting(Object::getClass).containsExactly(RequestSubscriptionDataExport.class);
        CancellationProcessStore.StoredProcess failed = harness.store.find(SUBSCRIPTION).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("UncheckedIOException");
        assertThat(failed.dueAt()).isEqualTo(harness.clock.instant().plusSeconds(10));

        Files.delete(exports);
        harness.settle();
        assertThat(harness.sentByTheProcess).hasSize(1); // still waiting out the backoff

        harness.clock.advance(java.time.Duration.ofSeconds(10));
        harness.settle();
        assertThat(harness.eventsOf(SUBSCRIPTION, SubscriptionTerminated.class)).hasSize(1);
    }
}
