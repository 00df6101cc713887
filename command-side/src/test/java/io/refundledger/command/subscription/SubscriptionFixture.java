package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.events.subscription.SubscriptionAccountsDeactivated;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionDataExportCompleted;
import io.refundledger.events.subscription.SubscriptionDataExportRequested;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import io.refundledger.infrastructure.testing.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * An aggregate fixture for {@link Subscription} with a clock the test sets to a business day, an in-memory
 * vault and the settlement policy, plus the events of a typical subscription's life: an annual CRM subscription
 * for 2026 (1200.00 CNY prepaid after a 200.00 CNY discount for the full year, 12-month minimum term,
 * 20 % penalty capped at 100.00 CNY, 30 days' notice, personal data kept 30 days).
 */
final class SubscriptionFixture {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String ID = "S-1001";
    static final String CUSTOMER = "C-1001";
    static final String PLAN = "CRM-MOBILE-PRO";
    static final String PRODUCT = "P-CRM-MOBILE";
    static final String SEGMENT = "SMB";
    static final int SEATS = 10;
    static final LocalDate TERM_START = LocalDate.parse("2026-01-01");
    static final LocalDate TERM_END = LocalDate.parse("2027-01-01");
    static final ContractTerms TERMS = new ContractTerms(12,
            new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING, new BigDecimal("20"), null, cny("100.00")), 30, 30);
    static final Instant STARTED_AT = on(LocalDate.parse("2025-12-20"));
    /** The day most tests act on: mid-term, 165 days of 2026 used after it. */
    static final LocalDate JUNE_14 = LocalDate.parse("2026-06-14");
    static final String CANCELLATION = "K-1";
    static final String EXPORT = "E-1";
    static final String EXPORT_REFERENCE = "s3://exports/S-1001/E-1.zip";
    static final String CONFIRMATION = "TC-20260614-0A1B2C3D";
    static final String REFUND = "R-1";
    static final String REFUND_NUMBER = "RF-20260614-000007";

    final MutableClock clock = new MutableClock(on(JUNE_14));
    final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    final SettlementPolicy policy = new SettlementPolicy();
    final FixtureConfiguration<Subscription> fixture = new AggregateTestFixture<>(Subscription.class);

    SubscriptionFixture() {
        fixture.registerInjectableResource(new BusinessCalendar(clock, SHANGHAI));
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(policy);
    }

    /** 10:00 in Shanghai on that day (02:00 UTC). */
    static Instant on(LocalDate day) {
        return day.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
    }

    /** Acts from now on at 10:00 (Shanghai) on {@code day}. */
    Instant today(LocalDate day) {
        clock.set(on(day));
        return clock.instant();
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static SubscriptionStarted started(boolean autoRenewal) {
        return new SubscriptionStarted(ID, CUSTOMER, SEGMENT, PLAN, PRODUCT, SEATS, TERM_START, TERM_END, cny("1200.00"),
                cny("200.00"), TERMS, autoRenewal, null, STARTED_AT);
    }

    static SubscriptionStarted started() {
        return started(true);
    }

    /** The settlement the policy computes for the 2026 term and this effective date. */
    CancellationSettlementCalculated settlement(String cancellationId, LocalDate effectiveDate, Instant at) {
        return policy.settle(new SettlementTerms(TERM_START, TERM_START, TERM_END, cny("1200.00"), cny("200.00"), TERMS),
                effectiveDate).toEvent(ID, cancellationId, at);
    }

    /** The events of an immediate cancellation requested on {@code day} (auto-renewal was on). */
    List<Object> cancelledImmediately(String cancellationId, LocalDate day) {
        Instant at = on(day);
        LocalDate effective = day.plusDays(1);
        return List.of(
                new SubscriptionCancellationRequested(ID, cancellationId, CUSTOMER, CancellationReason.SWITCHED_PROVIDER,
                        null, CancellationEffect.IMMEDIATELY, effective, at),
                settlement(cancellationId, effective, at),
                new AutoRenewalSwitchedOff(ID, cancellationId, at));
    }

    /** Started, then cancelled immediately on 14 June. */
    List<Object> cancelled() {
        List<Object> events = new ArrayList<>(List.of(started()));
        events.addAll(cancelledImmediately(CANCELLATION, JUNE_14));
        return events;
    }

    /** Started, then cancelled for the end of the term on {@code day}. */
    List<Object> cancelledAtEndOfTerm(LocalDate day) {
        Instant at = on(day);
        return List.of(started(),
                new SubscriptionCancellationRequested(ID, CANCELLATION, CUSTOMER, CancellationReason.PRICE, null,
                        CancellationEffect.END_OF_TERM, TERM_END, at),
                settlement(CANCELLATION, TERM_END, at),
                new AutoRenewalSwitchedOff(ID, CANCELLATION, at));
    }

    static List<Object> exportRequested(LocalDate day) {
        return List.of(new SubscriptionDataExportRequested(ID, CANCELLATION, EXPORT, "JSON", on(day)));
    }

    static List<Object> exported(LocalDate day) {
        return List.of(new SubscriptionDataExportRequested(ID, CANCELLATION, EXPORT, "JSON", on(day)),
                new SubscriptionDataExportCompleted(ID, EXPORT, EXPORT_REFERENCE, null, on(day)));
    }

    static SubscriptionAccountsDeactivated deactivated(LocalDate day) {
        return new SubscriptionAccountsDeactivated(ID, CANCELLATION, SEATS, on(day));
    }

    /** Cancelled immediately on 14 June, exported and deactivated the same day. */
    List<Object> deactivatedAfterCancellation() {
        List<Object> events = new ArrayList<>(cancelled());
        events.addAll(exported(JUNE_14));
        events.add(deactivated(JUNE_14));
        return events;
    }

    /** …and terminated that day: effective 15 June, net refund 357.53 CNY, personal data kept to 14 July. */
    List<Object> terminated() {
        List<Object> events = new ArrayList<>(deactivatedAfterCancellation());
        events.add(new SubscriptionTerminated(ID, CANCELLATION, CONFIRMATION, JUNE_14.plusDays(1), cny("357.53"),
                LocalDate.parse("2026-07-14"), on(JUNE_14)));
        return events;
    }

    static List<Object> with(List<Object> events, Object... more) {
        List<Object> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }
}
