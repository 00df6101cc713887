package io.refundledger.command.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.AutoRenewalSwitchedOn;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionAccountsDeactivated;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionDataExportCompleted;
import io.refundledger.events.subscription.SubscriptionDataExportRequested;
import io.refundledger.events.subscription.SubscriptionPersonalDataPurged;
import io.refundledger.events.subscription.SubscriptionRenewed;
import io.refundledger.events.subscription.SubscriptionSeatsChanged;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.refundledger.command.subscription.SampleSubscription.aSubscription;
import static io.refundledger.command.subscription.SubscriptionFixture.CANCELLATION;
import static io.refundledger.command.subscription.SubscriptionFixture.CONFIRMATION;
import static io.refundledger.command.subscription.SubscriptionFixture.CUSTOMER;
import static io.refundledger.command.subscription.SubscriptionFixture.EXPORT;
import static io.refundledger.command.subscription.SubscriptionFixture.EXPORT_REFERENCE;
import static io.refundledger.command.subscription.SubscriptionFixture.ID;
import static io.refundledger.command.subscription.SubscriptionFixture.JUNE_14;
import static io.refundledger.command.subscription.SubscriptionFixture.PLAN;
import static io.refundledger.command.subscription.SubscriptionFixture.PRODUCT;
import static io.refundledger.command.subscription.SubscriptionFixture.REFUND;
import static io.refundledger.command.subscription.SubscriptionFixture.REFUND_NUMBER;
import static io.refundledger.command.subscription.SubscriptionFixture.SEATS;
import static io.refundledger.command.subscription.SubscriptionFixture.SEGMENT;
import static io.refundledger.command.subscription.SubscriptionFixture.TERMS;
import static io.refundledger.command.subscription.SubscriptionFixture.TERM_END;
import static io.refundledger.command.subscription.SubscriptionFixture.TERM_START;
import static io.refundledger.command.subscription.SubscriptionFixture.cny;
import static io.refundledger.command.subscription.SubscriptionFixture.deactivated;
import static io.refundledger.command.subscription.SubscriptionFixture.exportRequested;
import static io.refundledger.command.subscription.SubscriptionFixture.exported;
import static io.refundledger.command.subscription.SubscriptionFixture.on;
import static io.refundledger.command.subscription.SubscriptionFixture.started;
import static io.refundledger.command.subscription.SubscriptionFixture.with;
import static io.refundledger.command.testing.DomainErrors.domainError;
import static io.refundledger.infrastructure.errors.ErrorKind.CONFLICT;
import static io.refundledger.infrastructure.errors.ErrorKind.INVALID_INPUT;
import static io.refundledger.infrastructure.errors.ErrorKind.NOT_FOUND;
import static io.refundledger.infrastructure.errors.ErrorKind.RULE_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

/** The subscription's rules, one specification each: given its history, when a command, then events or a refusal. */
class SubscriptionTest {

    SubscriptionFixture subscriptions;
    FixtureConfiguration<Subscription> fixture;

    @BeforeEach
    void setUp() {
        subscriptions = new SubscriptionFixture();
        fixture = subscriptions.fixture;
    }

    static RequestSubscriptionCancellation cancel(String cancellationId, CancellationEffect effect) {
        return new RequestSubscriptionCancellation(ID, cancellationId, CancellationReason.SWITCHED_PROVIDER, null, effect);
    }

    List<Object> recordedPayloads() {
        return fixture.getEventStore().readEvents(ID).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Nested
    class Starting {

        @Test
        void canStartWithTheContractTermsAndTheContactEncrypted() throws Exception {
            Instant now = subscriptions.clock.instant();
            fixture.givenNoPriorActivity()
                    .when(aSubscription().command())
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(SubscriptionStatus.ACTIVE);

            SubscriptionStarted started = (SubscriptionStarted) recordedPayloads().get(0);
            EncryptedPersonalData contact = started.contact();
            assertThat(started).isEqualTo(new SubscriptionStarted(ID, CUSTOMER, SEGMENT, PLAN, PRODUCT, SEATS, TERM_START,
                    TERM_END, cny("1200.00"), cny("200.00"), TERMS, true, contact, now));
            assertThat(contact.keyId()).isEqualTo("subscription:" + ID);
            assertThat(contact.ciphertext()).doesNotContain("xiaoming");
            JsonNode plain = new ObjectMapper().readTree(subscriptions.vault.decrypt(contact).orElseThrow());
            assertThat(plain.path("name").asText()).isEqualTo("王小明");
            assertThat(plain.path("email").asText()).isEqualTo("xiaoming.wang@example.com");
            assertThat(plain.path("phone").asText()).isEqualTo("+86 138 0000 0000");
        }

        @Test
        void startsWithoutContactPenaltyOrDiscountWhenNoneIsGiven() {
            SampleSubscription plain = aSubscription();
            plain.contact = null;
            plain.termDiscount = null;
            plain.terms = new ContractTerms(0, null, 0, 0);
            Instant now = subscriptions.clock.instant();

            fixture.givenNoPriorActivity()
                    .when(plain.command())
                    .expectEvents(new SubscriptionStarted(ID, CUSTOMER, SEGMENT, PLAN, PRODUCT, SEATS, TERM_START, TERM_END,
                            cny("1200.00"), cny("0.00"), new ContractTerms(0, EarlyTerminationPenalty.none(), 0, 0), true,
                            null, now));
            assertThat(subscriptions.vault.hasKey("subscription:" + ID)).isFalse();
        }

        @Test
        void cannotStartTwice() {
            fixture.given(started())
                    .when(aSubscription().command())
                    .expectException(domainError("SUBSCRIPTION_ALREADY_STARTED", CONFLICT, null))
                    .expectNoEvents();
        }

        @Test
        void requiresTheCustomerAndThePlan() {
            SampleSubscription noCustomer = aSubscription();
            noCustomer.customerId = " ";
            fixture.givenNoPriorActivity().when(noCustomer.command())
                    .expectException(domainError("CUSTOMER_ID_REQUIRED", INVALID_INPUT, "customerId"));

            SampleSubscription noPlan = aSubscription();
            noPlan.planCode = null;
            fixture.givenNoPriorActivity().when(noPlan.command())
                    .expectException(domainError("PLAN_CODE_REQUIRED", INVALID_INPUT, "planCode"));
        }

        @Test
        void requiresTheTermAndWhatWasPrepaid() {
            SampleSubscription noEnd = aSubscription();
            noEnd.termEnd = null;
            fixture.givenNoPriorActivity().when(noEnd.command())
                    .expectException(domainError("TERM_END_REQUIRED", INVALID_INPUT, "termEnd"));

            SampleSubscription noPrepaid = aSubscription();
            noPrepaid.prepaidAmount = null;
            fixture.givenNoPriorActivity().when(noPrepaid.command())
                    .expectException(domainError("PREPAID_AMOUNT_REQUIRED", INVALID_INPUT, "prepaidAmount"));
        }

        @Test
        void needsAtLeastOneSeat() {
            SampleSubscription noSeats = aSubscription();
            noSeats.seats = 0;
            fixture.givenNoPriorActivity().when(noSeats.command())
                    .expectException(domainError("SEATS_BELOW_ONE", RULE_VIOLATION, "seats"))
                    .expectNoEvents();
        }

        @Test
        void theTermMustEndAfterItStarts() {
            SampleSubscription sameDay = aSubscription();
            sameDay.termEnd = TERM_START;
            fixture.givenNoPriorActivity().when(sameDay.command())
                    .expectException(domainError("TERM_END_NOT_AFTER_START", RULE_VIOLATION, "termEnd"));
        }

        @Test
        void refusesNegativeMoneyAndMixedCurrencies() {
            SampleSubscription negative = aSubscription();
            negative.prepaidAmount = cny("-1.00");
            fixture.givenNoPriorActivity().when(negative.command())
                    .expectException(domainError("PREPAID_AMOUNT_NEGATIVE", RULE_VIOLATION, "prepaidAmount.amount"));

            SampleSubscription negativeDiscount = aSubscription();
            negativeDiscount.termDiscount = cny("-0.01");
            fixture.givenNoPriorActivity().when(negativeDiscount.command())
                    .expectException(domainError("DISCOUNT_NEGATIVE", RULE_VIOLATION, "termDiscount.amount"));

            SampleSubscription dollarDiscount = aSubscription();
            dollarDiscount.termDiscount = Money.of("10.00", "USD");
            fixture.givenNoPriorActivity().when(dollarDiscount.command())
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "termDiscount.currency"));

            SampleSubscription dollarCap = aSubscription();
            dollarCap.terms = new ContractTerms(12, new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING,
                    new BigDecimal("20"), null, Money.of("100.00", "USD")), 30, 30);
            fixture.givenNoPriorActivity().when(dollarCap.command())
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "terms.penalty.cap.currency"));

            SampleSubscription yenPenalty = aSubscription();
            yenPenalty.terms = new ContractTerms(12, new EarlyTerminationPenalty(PenaltyKind.FIXED_AMOUNT, null,
                    Money.of("5000", "JPY"), null), 30, 30);
            fixture.givenNoPriorActivity().when(yenPenalty.command())
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "terms.penalty.fixedAmount.currency"));
        }

        @Test
        void thePenaltyRuleHasTheFieldsOfItsKind() {
            SampleSubscription percentMissing = aSubscription();
            percentMissing.terms = new ContractTerms(12,
                    new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING, null, null, null), 30, 30);
            fixture.givenNoPriorActivity().when(percentMissing.command())
                    .expectException(domainError("PENALTY_PERCENT_REQUIRED", INVALID_INPUT, "terms.penalty.percent"));

            SampleSubscription fixedWithPercent = aSubscription();
            fixedWithPercent.terms = new ContractTerms(12, new EarlyTerminationPenalty(PenaltyKind.FIXED_AMOUNT,
                    new BigDecimal("20"), cny("300.00"), null), 30, 30);
            fixture.givenNoPriorActivity().when(fixedWithPercent.command())
                    .expectException(domainError("PENALTY_RULE_INCONSISTENT", INVALID_INPUT, "terms.penalty.percent"));

            SampleSubscription noneWithCap = aSubscription();
            noneWithCap.terms = new ContractTerms(12, new EarlyTerminationPenalty(PenaltyKind.NONE, null, null,
                    cny("100.00")), 30, 30);
            fixture.givenNoPriorActivity().when(noneWithCap.command())
                    .expectException(domainError("PENALTY_RULE_INCONSISTENT", INVALID_INPUT, "terms.penalty.cap"));

            SampleSubscription noKind = aSubscription();
            noKind.terms = new ContractTerms(12, new EarlyTerminationPenalty(null, null, null, null), 30, 30);
            fixture.givenNoPriorActivity().when(noKind.command())
                    .expectException(domainError("PENALTY_KIND_REQUIRED", INVALID_INPUT, "terms.penalty.kind"));
        }

        @Test
        void thePenaltyPercentIsAboveZeroAndAtMostAHundred() {
            for (String percent : List.of("0", "-5", "100.01")) {
                SampleSubscription outOfRange = aSubscription();
                outOfRange.terms = new ContractTerms(12, new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING,
                        new BigDecimal(percent), null, null), 30, 30);
                fixture.givenNoPriorActivity().when(outOfRange.command())
                        .expectException(domainError("PENALTY_PERCENT_OUT_OF_RANGE", RULE_VIOLATION, "terms.penalty.percent"));
            }
            SampleSubscription hundred = aSubscription();
            hundred.terms = new ContractTerms(12, new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING,
                    new BigDecimal("100"), null, null), 30, 30);
            fixture.givenNoPriorActivity().when(hundred.command()).expectSuccessfulHandlerExecution();
        }

        @Test
        void contractPeriodsCannotBeNegative() {
            SampleSubscription minimum = aSubscription();
            minimum.terms = new ContractTerms(-1, EarlyTerminationPenalty.none(), 30, 30);
            fixture.givenNoPriorActivity().when(minimum.command())
                    .expectException(domainError("MINIMUM_TERM_OUT_OF_RANGE", RULE_VIOLATION, "terms.minimumTermMonths"));

            SampleSubscription notice = aSubscription();
            notice.terms = new ContractTerms(12, EarlyTerminationPenalty.none(), -1, 30);
            fixture.givenNoPriorActivity().when(notice.command())
                    .expectException(domainError("NOTICE_PERIOD_OUT_OF_RANGE", RULE_VIOLATION, "terms.noticePeriodDays"));

            SampleSubscription retention = aSubscription();
            retention.terms = new ContractTerms(12, EarlyTerminationPenalty.none(), 30, -1);
            fixture.givenNoPriorActivity().when(retention.command())
                    .expectException(domainError("DATA_RETENTION_OUT_OF_RANGE", RULE_VIOLATION, "terms.dataRetentionDays"));
        }
    }

    @Nested
    class Renewing {

        @Test
        void canRenewOnTheLastDayOfTheTermFromWhereItEnds() {
            Instant now = subscriptions.today(LocalDate.parse("2026-12-31"));
            fixture.given(started())
                    .when(new RenewSubscription(ID, LocalDate.parse("2028-01-01"), cny("1300.00"), null))
                    .expectEvents(new SubscriptionRenewed(ID, TERM_END, TERM_END, LocalDate.parse("2028-01-01"),
                            cny("1300.00"), cny("0.00"), now))
                    .expectResultMessagePayload(SubscriptionStatus.ACTIVE);
        }

        @Test
        void cannotRenewBeforeTheLastDayOfTheTerm() {
            subscriptions.today(LocalDate.parse("2026-12-30"));
            fixture.given(started())
                    .when(new RenewSubscription(ID, LocalDate.parse("2028-01-01"), cny("1300.00"), null))
                    .expectException(domainError("RENEWAL_TOO_EARLY", RULE_VIOLATION, null))
                    .expectNoEvents();
        }

        @Test
        void cannotRenewInAnotherCurrencyOrBackwards() {
            subscriptions.today(LocalDate.parse("2026-12-31"));
            fixture.given(started())
                    .when(new RenewSubscription(ID, LocalDate.parse("2028-01-01"), Money.of("180.00", "USD"), null))
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "prepaidAmount.currency"));
            fixture.given(started())
                    .when(new RenewSubscription(ID, TERM_END, cny("1300.00"), null))
                    .expectException(domainError("TERM_END_NOT_AFTER_START", RULE_VIOLATION, "termEnd"));
        }

        @Test
        void cannotRenewWhileACancellationIsPending() {
            subscriptions.today(LocalDate.parse("2026-12-31"));
            fixture.given(subscriptions.cancelledAtEndOfTerm(LocalDate.parse("2026-11-01")))
                    .when(new RenewSubscription(ID, LocalDate.parse("2028-01-01"), cny("1300.00"), null))
                    .expectException(domainError("CANCELLATION_PENDING", CONFLICT, null));
        }

        @Test
        void aCancellationAfterRenewalSettlesTheNewTermWithTheMinimumTermCountedFromTheFirst() {
            LocalDate renewedEnd = LocalDate.parse("2028-01-01");
            Instant now = subscriptions.today(LocalDate.parse("2027-06-14"));
            fixture.given(started(), new SubscriptionRenewed(ID, TERM_END, TERM_END, renewedEnd, cny("1200.00"),
                            cny("0.00"), on(LocalDate.parse("2026-12-31"))))
                    .when(cancel(CANCELLATION, CancellationEffect.IMMEDIATELY))
                    .expectSuccessfulHandlerExecution();

            CancellationSettlementCalculated settlement = (CancellationSettlementCalculated) recordedPayloads().get(3);
            assertThat(settlement.termStart()).isEqualTo(TERM_END);
            assertThat(settlement.termEnd()).isEqualTo(renewedEnd);
            assertThat(settlement.usedDays()).isEqualTo(165);
            // The 12-month minimum term ended with 2026: no penalty; no discount on the renewed term.
            assertThat(settlement.penalty()).isEqualTo(cny("0.00"));
            assertThat(settlement.netRefund()).isEqualTo(cny("657.53"));
            assertThat(settlement.calculatedAt()).isEqualTo(now);
        }
    }

    @Nested
    class AutoRenewal {

        @Test
        void canSwitchAutoRenewalOffAtTheCustomersRequest() {
            Instant now = subscriptions.clock.instant();
            fixture.given(started())
                    .when(new SwitchAutoRenewal(ID, false))
                    .expectEvents(new AutoRenewalSwitchedOff(ID, null, now));
        }

        @Test
        void canSwitchAutoRenewalBackOn() {
            Instant now = subscriptions.clock.instant();
            fixture.given(started(false))
                    .when(new SwitchAutoRenewal(ID, true))
                    .expectEvents(new AutoRenewalSwitchedOn(ID, now));
        }

        @Test
        void switchingToTheCurrentSettingRecordsNothing() {
            fixture.given(started(true))
                    .when(new SwitchAutoRenewal(ID, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotSwitchAutoRenewalOnWhileACancellationIsPending() {
            fixture.given(subscriptions.cancelled())
                    .when(new SwitchAutoRenewal(ID, true))
                    .expectException(domainError("CANCELLATION_PENDING", CONFLICT, null));
        }

        @Test
        void cannotSwitchAutoRenewalAfterTermination() {
            fixture.given(subscriptions.terminated())
                    .when(new SwitchAutoRenewal(ID, true))
                    .expectException(domainError("SUBSCRIPTION_TERMINATED", CONFLICT, null));
        }
    }

    @Nested
    class Seats {

        @Test
        void canChangeTheNumberOfSeats() {
            Instant now = subscriptions.clock.instant();
            fixture.given(started())
                    .when(new ChangeSubscriptionSeats(ID, 12))
                    .expectEvents(new SubscriptionSeatsChanged(ID, SEATS, 12, now));
        }

        @Test
        void theSameNumberRecordsNothing() {
            fixture.given(started())
                    .when(new ChangeSubscriptionSeats(ID, SEATS))
                    .expectNoEvents();
        }

        @Test
        void cannotHaveFewerThanOneSeat() {
            fixture.given(started())
                    .when(new ChangeSubscriptionSeats(ID, 0))
                    .expectException(domainError("SEATS_BELOW_ONE", RULE_VIOLATION, "seats"));
        }

        @Test
        void cannotChangeSeatsAfterTheAccountsAreDeactivatedOrTheSubscriptionTerminated() {
            fixture.given(subscriptions.deactivatedAfterCancellation())
                    .when(new ChangeSubscriptionSeats(ID, 12))
                    .expectException(domainError("ACCOUNTS_DEACTIVATED", CONFLICT, null));
            fixture.given(subscriptions.terminated())
                    .when(new ChangeSubscriptionSeats(ID, 12))
                    .expectException(domainError("SUBSCRIPTION_TERMINATED", CONFLICT, null));
        }
    }

    @Nested
    class Cancelling {

        @Test
        void canCancelImmediatelyWithTheSettlementAndAutoRenewalSwitchedOff() {
            Instant now = subscriptions.clock.instant();
            LocalDate effective = LocalDate.parse("2026-06-15");
            CancellationSettlementCalculated settlement = subscriptions.settlement(CANCELLATION, effective, now);

            fixture.given(started())
                    .when(new RequestSubscriptionCancellation(ID, CANCELLATION, CancellationReason.SWITCHED_PROVIDER,
                            "换了别家CRM", CancellationEffect.IMMEDIATELY))
                    .expectEvents(
                            new SubscriptionCancellationRequested(ID, CANCELLATION, CUSTOMER,
                                    CancellationReason.SWITCHED_PROVIDER, "换了别家CRM", CancellationEffect.IMMEDIATELY,
                                    effective, now),
                            settlement,
                            new AutoRenewalSwitchedOff(ID, CANCELLATION, now))
                    .expectResultMessagePayload(new CancellationOutcome.Accepted(ID, CANCELLATION,
                            CancellationEffect.IMMEDIATELY, effective, settlement));
            // 657.53 unused − 100.00 penalty (20 % capped) − 200.00 discount claw-back
            assertThat(settlement.netRefund()).isEqualTo(cny("357.53"));
            assertThat(settlement.policyVersion()).isEqualTo(SettlementPolicy.CURRENT_VERSION);
        }

        @Test
        void canCancelForTheEndOfTheTermWithNotice() {
            Instant now = subscriptions.today(LocalDate.parse("2026-11-01"));
            fixture.given(started(false))
                    .when(cancel(CANCELLATION, CancellationEffect.END_OF_TERM))
                    .expectEvents(
                            new SubscriptionCancellationRequested(ID, CANCELLATION, CUSTOMER,
                                    CancellationReason.SWITCHED_PROVIDER, null, CancellationEffect.END_OF_TERM, TERM_END, now),
                            subscriptions.settlement(CANCELLATION, TERM_END, now));
        }

        @Test
        void theNoticeIsMetOnTheLastDayToAsk() {
            // 30 days' notice before 1 January: 2 December is the last day.
            subscriptions.today(LocalDate.parse("2026-12-02"));
            fixture.given(started())
                    .when(cancel(CANCELLATION, CancellationEffect.END_OF_TERM))
                    .expectSuccessfulHandlerExecution();
            assertThat(recordedPayloads()).hasSize(4);
        }

        @Test
        void refusesEndOfTermCancellationWithoutNoticeAndRecordsTheRefusal() {
            Instant now = subscriptions.today(LocalDate.parse("2026-12-03"));
            String detail = "An end-of-term cancellation needs 30 days' notice before the term ends on 2026-12-31 "
                    + "(last day); the latest day to ask was 2026-12-02, and 2026-12-03 leaves 29 days";

            fixture.given(started())
                    .when(cancel(CANCELLATION, CancellationEffect.END_OF_TERM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SubscriptionCancellationRefused(ID, CancellationReason.SWITCHED_PROVIDER,
                            CancellationEffect.END_OF_TERM, "NOTICE_PERIOD_NOT_MET", detail, now))
                    .expectResultMessagePayload(new CancellationOutcome.Refused("NOTICE_PERIOD_NOT_MET", "effect", detail));
        }

        @Test
        void anImmediateCancellationNeedsNoNotice() {
            subscriptions.today(LocalDate.parse("2026-12-20"));
            fixture.given(started())
                    .when(cancel(CANCELLATION, CancellationEffect.IMMEDIATELY))
                    .expectSuccessfulHandlerExecution();
            assertThat(recordedPayloads().get(1)).isInstanceOf(SubscriptionCancellationRequested.class);
        }

        @Test
        void cannotCancelTwice() {
            fixture.given(subscriptions.cancelled())
                    .when(cancel("K-2", CancellationEffect.IMMEDIATELY))
                    .expectException(domainError("CANCELLATION_ALREADY_REQUESTED", CONFLICT, null))
                    .expectNoEvents();
        }

        @Test
        void aRetriedCancellationRecordsNothingAndGetsTheSameAnswer() {
            Instant requestedAt = on(JUNE_14);
            LocalDate effective = LocalDate.parse("2026-06-15");
            subscriptions.today(LocalDate.parse("2026-06-16"));

            fixture.given(subscriptions.cancelled())
                    .when(cancel(CANCELLATION, CancellationEffect.IMMEDIATELY))
                    .expectNoEvents()
                    .expectResultMessagePayload(new CancellationOutcome.Accepted(ID, CANCELLATION,
                            CancellationEffect.IMMEDIATELY, effective,
                            subscriptions.settlement(CANCELLATION, effective, requestedAt)));
        }

        @Test
        void theSameIdForAnotherRequestIsAConflict() {
            fixture.given(subscriptions.cancelled())
                    .when(cancel(CANCELLATION, CancellationEffect.END_OF_TERM))
                    .expectException(domainError("CANCELLATION_ID_ALREADY_USED", CONFLICT, null))
                    .expectNoEvents();
        }

        @Test
        void cannotCancelAfterTermination() {
            fixture.given(subscriptions.terminated())
                    .when(cancel("K-2", CancellationEffect.IMMEDIATELY))
                    .expectException(domainError("SUBSCRIPTION_TERMINATED", CONFLICT, null))
                    .expectNoEvents();
        }

        @Test
        void cannotReuseTheIdOfARevokedCancellation() {
            fixture.given(with(subscriptions.cancelled(),
                            new SubscriptionCancellationRevoked(ID, CANCELLATION, null, on(JUNE_14)),
                            new AutoRenewalSwitchedOn(ID, on(JUNE_14))))
                    .when(cancel(CANCELLATION, CancellationEffect.IMMEDIATELY))
                    .expectException(domainError("CANCELLATION_ID_ALREADY_USED", CONFLICT, null));
        }

        @Test
        void requiresAnIdAReasonAndAnEffect() {
            fixture.given(started())
                    .when(new RequestSubscriptionCancellation(ID, " ", CancellationReason.PRICE, null, CancellationEffect.IMMEDIATELY))
                    .expectException(domainError("CANCELLATION_ID_REQUIRED", INVALID_INPUT, "cancellationId"));
            fixture.given(started())
                    .when(new RequestSubscriptionCancellation(ID, CANCELLATION, null, null, CancellationEffect.IMMEDIATELY))
                    .expectException(domainError("REASON_REQUIRED", INVALID_INPUT, "reason"));
            fixture.given(started())
                    .when(new RequestSubscriptionCancellation(ID, CANCELLATION, CancellationReason.PRICE, null, null))
                    .expectException(domainError("EFFECT_REQUIRED", INVALID_INPUT, "effect"));
        }

        @Test
        void leavesAutoRenewalAloneWhenItWasOffAlready() {
            fixture.given(started(false))
                    .when(cancel(CANCELLATION, CancellationEffect.IMMEDIATELY))
                    .expectSuccessfulHandlerExecution();
            assertThat(recordedPayloads()).extracting(p -> p.getClass().getSimpleName())
                    .containsExactly("SubscriptionStarted", "SubscriptionCancellationRequested",
                            "CancellationSettlementCalculated");
        }
    }

    @Nested
    class Revoking {

        @Test
        void canRevokeBeforeTheEffectiveDateAndAutoRenewalComesBackOn() {
            Instant now = subscriptions.clock.instant();
            fixture.given(subscriptions.cancelled())
                    .when(new RevokeSubscriptionCancellation(ID, "客户决定继续使用"))
                    .expectEvents(new SubscriptionCancellationRevoked(ID, CANCELLATION, "客户决定继续使用", now),
                            new AutoRenewalSwitchedOn(ID, now))
                    .expectResultMessagePayload(SubscriptionStatus.ACTIVE);
        }

        @Test
        void leavesAutoRenewalOffWhenTheCustomerHadSwitchedItOffBefore() {
            Instant now = subscriptions.today(LocalDate.parse("2026-11-02"));
            fixture.given(started(false),
                            new SubscriptionCancellationRequested(ID, CANCELLATION, CUSTOMER, CancellationReason.PRICE,
                                    null, CancellationEffect.END_OF_TERM, TERM_END, on(LocalDate.parse("2026-11-01"))))
                    .when(new RevokeSubscriptionCancellation(ID, null))
                    .expectEvents(new SubscriptionCancellationRevoked(ID, CANCELLATION, null, now));
        }

        @Test
        void cannotRevokeOnOrAfterTheEffectiveDate() {
            subscriptions.today(LocalDate.parse("2026-06-15"));
            fixture.given(subscriptions.cancelled())
                    .when(new RevokeSubscriptionCancellation(ID, null))
                    .expectException(domainError("CANCELLATION_ALREADY_EFFECTIVE", CONFLICT, null))
                    .expectNoEvents();
            subscriptions.today(LocalDate.parse("2027-01-01"));
            fixture.given(subscriptions.cancelledAtEndOfTerm(LocalDate.parse("2026-11-01")))
                    .when(new RevokeSubscriptionCancellation(ID, null))
                    .expectException(domainError("CANCELLATION_ALREADY_EFFECTIVE", CONFLICT, null));
        }

        @Test
        void cannotRevokeOnceTheAccountsAreDeactivated() {
            fixture.given(subscriptions.deactivatedAfterCancellation())
                    .when(new RevokeSubscriptionCancellation(ID, null))
                    .expectException(domainError("ACCOUNTS_ALREADY_DEACTIVATED", CONFLICT, null));
        }

        @Test
        void cannotRevokeWithoutAPendingCancellation() {
            fixture.given(started())
                    .when(new RevokeSubscriptionCancellation(ID, null))
                    .expectException(domainError("NO_PENDING_CANCELLATION", CONFLICT, null));
            fixture.given(subscriptions.terminated())
                    .when(new RevokeSubscriptionCancellation(ID, null))
                    .expectException(domainError("SUBSCRIPTION_TERMINATED", CONFLICT, null));
        }

        @Test
        void aRevokedSubscriptionCanBeCancelledAgainUnderANewId() {
            fixture.given(with(subscriptions.cancelled(), new SubscriptionCancellationRevoked(ID, CANCELLATION, null,
                            on(JUNE_14)), new AutoRenewalSwitchedOn(ID, on(JUNE_14))))
                    .when(cancel("K-2", CancellationEffect.IMMEDIATELY))
                    .expectSuccessfulHandlerExecution();
            assertThat(recordedPayloads().get(recordedPayloads().size() - 3))
                    .isInstanceOfSatisfying(SubscriptionCancellationRequested.class,
                            requested -> assertThat(requested.cancellationId()).isEqualTo("K-2"));
        }
    }

    @Nested
    class DataExport {

        @Test
        void canRequestTheExportWhileACancellationIsPending() {
            Instant now = subscriptions.clock.instant();
            fixture.given(subscriptions.cancelled())
                    .when(new RequestSubscriptionDataExport(ID, EXPORT, null))
                    .expectEvents(new SubscriptionDataExportRequested(ID, CANCELLATION, EXPORT, "JSON", now))
                    .expectResultMessagePayload(SubscriptionStatus.DATA_EXPORT_REQUESTED);
        }

        @Test
        void theSameExportAgainRecordsNothingAndASecondOneIsAConflict() {
            fixture.given(with(subscriptions.cancelled(), exportRequested(JUNE_14).toArray()))
                    .when(new RequestSubscriptionDataExport(ID, EXPORT, "csv"))
                    .expectNoEvents();
            fixture.given(with(subscriptions.cancelled(), exportRequested(JUNE_14).toArray()))
                    .when(new RequestSubscriptionDataExport(ID, "E-2", null))
                    .expectException(domainError("DATA_EXPORT_ALREADY_REQUESTED", CONFLICT, null));
        }

        @Test
        void cannotExportWithoutAPendingCancellation() {
            fixture.given(started())
                    .when(new RequestSubscriptionDataExport(ID, EXPORT, null))
                    .expectException(domainError("NO_PENDING_CANCELLATION", CONFLICT, null));
        }

        @Test
        void canCompleteTheExportWithWhereItIs() {
            Instant now = subscriptions.clock.instant();
            String checksum = "A".repeat(64);
            fixture.given(with(subscriptions.cancelled(), exportRequested(JUNE_14).toArray()))
                    .when(new CompleteSubscriptionDataExport(ID, EXPORT, EXPORT_REFERENCE, checksum))
                    .expectEvents(new SubscriptionDataExportCompleted(ID, EXPORT, EXPORT_REFERENCE, "a".repeat(64), now))
                    .expectResultMessagePayload(SubscriptionStatus.DATA_EXPORTED);
        }

        @Test
        void completingNeedsAReferenceAndAChecksumThatIsASha256() {
            fixture.given(with(subscriptions.cancelled(), exportRequested(JUNE_14).toArray()))
                    .when(new CompleteSubscriptionDataExport(ID, EXPORT, "", null))
                    .expectException(domainError("EXPORT_REFERENCE_REQUIRED", INVALID_INPUT, "exportReference"));
            fixture.given(with(subscriptions.cancelled(), exportRequested(JUNE_14).toArray()))
                    .when(new CompleteSubscriptionDataExport(ID, EXPORT, EXPORT_REFERENCE, "abc123"))
                    .expectException(domainError("CHECKSUM_INVALID", INVALID_INPUT, "checksum"));
        }

        @Test
        void completingAnotherExportIsNotFound() {
            fixture.given(with(subscriptions.cancelled(), exportRequested(JUNE_14).toArray()))
                    .when(new CompleteSubscriptionDataExport(ID, "E-9", EXPORT_REFERENCE, null))
                    .expectException(domainError("DATA_EXPORT_NOT_FOUND", NOT_FOUND, null));
            fixture.given(subscriptions.cancelled())
                    .when(new CompleteSubscriptionDataExport(ID, EXPORT, EXPORT_REFERENCE, null))
                    .expectException(domainError("NO_DATA_EXPORT_REQUESTED", CONFLICT, null));
        }

        @Test
        void completingAgainRecordsNothingUnlessItSaysSomethingElse() {
            fixture.given(with(subscriptions.cancelled(), exported(JUNE_14).toArray()))
                    .when(new CompleteSubscriptionDataExport(ID, EXPORT, EXPORT_REFERENCE, null))
                    .expectNoEvents();
            fixture.given(with(subscriptions.cancelled(), exported(JUNE_14).toArray()))
                    .when(new CompleteSubscriptionDataExport(ID, EXPORT, "s3://exports/other.zip", null))
                    .expectException(domainError("DATA_EXPORT_ALREADY_COMPLETED", CONFLICT, null));
        }
    }

    @Nested
    class Deactivation {

        @Test
        void canDeactivateEveryAccountOnceTheDataIsExported() {
            Instant now = subscriptions.clock.instant();
            fixture.given(with(subscriptions.cancelled(), exported(JUNE_14).toArray()))
                    .when(new DeactivateSubscriptionAccounts(ID))
                    .expectEvents(new SubscriptionAccountsDeactivated(ID, CANCELLATION, SEATS, now))
                    .expectResultMessagePayload(SubscriptionStatus.ACCOUNTS_DEACTIVATED);
        }

        @Test
        void cannotDeactivateBeforeTheExportIsComplete() {
            fixture.given(with(subscriptions.cancelled(), exportRequested(JUNE_14).toArray()))
                    .when(new DeactivateSubscriptionAccounts(ID))
                    .expectException(domainError("DATA_EXPORT_NOT_COMPLETED", CONFLICT, null));
            fixture.given(subscriptions.cancelled())
                    .when(new DeactivateSubscriptionAccounts(ID))
                    .expectException(domainError("DATA_EXPORT_NOT_COMPLETED", CONFLICT, null));
        }

        @Test
        void cannotDeactivateBeforeAnEndOfTermCancellationTakesEffect() {
            LocalDate requested = LocalDate.parse("2026-11-01");
            subscriptions.today(LocalDate.parse("2026-12-31"));
            fixture.given(with(subscriptions.cancelledAtEndOfTerm(requested), exported(requested).toArray()))
                    .when(new DeactivateSubscriptionAccounts(ID))
                    .expectException(domainError("CANCELLATION_NOT_YET_EFFECTIVE", CONFLICT, null));

            Instant now = subscriptions.today(TERM_END);
            fixture.given(with(subscriptions.cancelledAtEndOfTerm(requested), exported(requested).toArray()))
                    .when(new DeactivateSubscriptionAccounts(ID))
                    .expectEvents(new SubscriptionAccountsDeactivated(ID, CANCELLATION, SEATS, now));
        }

        @Test
        void deactivatingAgainRecordsNothing() {
            fixture.given(subscriptions.deactivatedAfterCancellation())
                    .when(new DeactivateSubscriptionAccounts(ID))
                    .expectNoEvents();
        }

        @Test
        void cannotDeactivateWithoutACancellation() {
            fixture.given(started())
                    .when(new DeactivateSubscriptionAccounts(ID))
                    .expectException(domainError("NO_PENDING_CANCELLATION", CONFLICT, null));
        }
    }

    @Nested
    class Termination {

        @Test
        void canConfirmTheTerminationOnceTheAccountsAreDeactivated() {
            Instant now = subscriptions.clock.instant();
            // Effective 15 June; personal data kept 30 days from then: to 14 July, purged from 15 July.
            fixture.given(subscriptions.deactivatedAfterCancellation())
                    .when(new ConfirmSubscriptionTermination(ID, CONFIRMATION))
                    .expectEvents(new SubscriptionTerminated(ID, CANCELLATION, CONFIRMATION, LocalDate.parse("2026-06-15"),
                            cny("357.53"), LocalDate.parse("2026-07-14"), now))
                    .expectResultMessagePayload(SubscriptionStatus.TERMINATED);
        }

        @Test
        void aLateTerminationKeepsThePersonalDataForTheWholePeriodFromTheTerminationDay() {
            LocalDate requested = LocalDate.parse("2026-11-01");
            LocalDate confirmed = LocalDate.parse("2027-01-05");
            Instant now = subscriptions.today(confirmed);
            fixture.given(with(subscriptions.cancelledAtEndOfTerm(requested), with(exported(requested),
                            deactivated(TERM_END)).toArray()))
                    .when(new ConfirmSubscriptionTermination(ID, CONFIRMATION))
                    .expectEvents(new SubscriptionTerminated(ID, CANCELLATION, CONFIRMATION, TERM_END, cny("0.00"),
                            LocalDate.parse("2027-02-03"), now));
        }

        @Test
        void cannotTerminateBeforeTheAccountsAreDeactivated() {
            fixture.given(with(subscriptions.cancelled(), exported(JUNE_14).toArray()))
                    .when(new ConfirmSubscriptionTermination(ID, CONFIRMATION))
                    .expectException(domainError("ACCOUNTS_NOT_DEACTIVATED", CONFLICT, null))
                    .expectNoEvents();
        }

        @Test
        void cannotTerminateWithoutACancellation() {
            fixture.given(started())
                    .when(new ConfirmSubscriptionTermination(ID, CONFIRMATION))
                    .expectException(domainError("NO_PENDING_CANCELLATION", CONFLICT, null));
        }

        @Test
        void requiresAConfirmationNumber() {
            fixture.given(subscriptions.deactivatedAfterCancellation())
                    .when(new ConfirmSubscriptionTermination(ID, null))
                    .expectException(domainError("CONFIRMATION_NUMBER_REQUIRED", INVALID_INPUT, "confirmationNumber"));
        }

        @Test
        void confirmingAgainRecordsNothingButAnotherNumberIsAConflict() {
            fixture.given(subscriptions.terminated())
                    .when(new ConfirmSubscriptionTermination(ID, CONFIRMATION))
                    .expectNoEvents()
                    .expectResultMessagePayload(SubscriptionStatus.TERMINATED);
            fixture.given(subscriptions.terminated())
                    .when(new ConfirmSubscriptionTermination(ID, "TC-20260614-FFFFFFFF"))
                    .expectException(domainError("SUBSCRIPTION_TERMINATED", CONFLICT, null));
        }
    }

    @Nested
    class SettlementRefund {

        @Test
        void recordsTheRefundOpenedForTheNetRefund() {
            Instant now = subscriptions.clock.instant();
            fixture.given(subscriptions.terminated())
                    .when(new RecordSettlementRefund(ID, REFUND, REFUND_NUMBER, cny("357.53")))
                    .expectEvents(new SettlementRefundRequested(ID, CANCELLATION, REFUND, REFUND_NUMBER, cny("357.53"), now));
        }

        @Test
        void cannotRecordARefundBeforeTermination() {
            fixture.given(subscriptions.deactivatedAfterCancellation())
                    .when(new RecordSettlementRefund(ID, REFUND, REFUND_NUMBER, cny("357.53")))
                    .expectException(domainError("SUBSCRIPTION_NOT_TERMINATED", CONFLICT, null));
        }

        @Test
        void cannotRecordARefundWhenNothingIsDue() {
            LocalDate requested = LocalDate.parse("2026-11-01");
            fixture.given(with(subscriptions.cancelledAtEndOfTerm(requested), with(exported(requested),
                            deactivated(TERM_END), new SubscriptionTerminated(ID, CANCELLATION, CONFIRMATION, TERM_END,
                                    cny("0.00"), LocalDate.parse("2027-01-30"), on(TERM_END))).toArray()))
                    .when(new RecordSettlementRefund(ID, REFUND, REFUND_NUMBER, cny("0.00")))
                    .expectException(domainError("NO_REFUND_DUE", CONFLICT, null));
        }

        @Test
        void refusesAnAmountOtherThanTheNetRefund() {
            fixture.given(subscriptions.terminated())
                    .when(new RecordSettlementRefund(ID, REFUND, REFUND_NUMBER, cny("400.00")))
                    .expectException(domainError("SETTLEMENT_AMOUNT_MISMATCH", RULE_VIOLATION, "amount"));
        }

        @Test
        void theSameRefundAgainRecordsNothingButAnotherIsAConflict() {
            List<Object> refunded = with(subscriptions.terminated(), new SettlementRefundRequested(ID, CANCELLATION, REFUND,
                    REFUND_NUMBER, cny("357.53"), on(JUNE_14)));
            fixture.given(refunded)
                    .when(new RecordSettlementRefund(ID, REFUND, REFUND_NUMBER, cny("357.53")))
                    .expectNoEvents();
            fixture.given(refunded)
                    .when(new RecordSettlementRefund(ID, "R-2", "RF-20260614-000008", cny("357.53")))
                    .expectException(domainError("SETTLEMENT_REFUND_ALREADY_RECORDED", CONFLICT, null));
        }

        @Test
        void followsTheLinkedRefundAndIgnoresARepeatedStatus() {
            Instant now = subscriptions.clock.instant();
            List<Object> refunded = with(subscriptions.terminated(), new SettlementRefundRequested(ID, CANCELLATION, REFUND,
                    REFUND_NUMBER, cny("357.53"), on(JUNE_14)));
            fixture.given(refunded)
                    .when(new RecordSettlementStatus(ID, REFUND, SettlementStatus.REFUND_PAID, cny("357.53")))
                    .expectEvents(new SettlementStatusChanged(ID, CANCELLATION, REFUND, SettlementStatus.REFUND_PAID,
                            cny("357.53"), now));
            fixture.given(refunded)
                    .when(new RecordSettlementStatus(ID, REFUND, SettlementStatus.REFUND_REQUESTED, null))
                    .expectNoEvents();
            fixture.given(with(refunded, new SettlementStatusChanged(ID, CANCELLATION, REFUND,
                            SettlementStatus.REFUND_APPROVED, cny("357.53"), on(JUNE_14))))
                    .when(new RecordSettlementStatus(ID, REFUND, SettlementStatus.REFUND_APPROVED, cny("357.53")))
                    .expectNoEvents();
        }

        @Test
        void takesStatusesOnlyForTheLinkedRefund() {
            List<Object> refunded = with(subscriptions.terminated(), new SettlementRefundRequested(ID, CANCELLATION, REFUND,
                    REFUND_NUMBER, cny("357.53"), on(JUNE_14)));
            fixture.given(refunded)
                    .when(new RecordSettlementStatus(ID, "R-other", SettlementStatus.REFUND_PAID, null))
                    .expectException(domainError("REFUND_NOT_LINKED", CONFLICT, null));
            fixture.given(subscriptions.terminated())
                    .when(new RecordSettlementStatus(ID, REFUND, SettlementStatus.REFUND_PAID, null))
                    .expectException(domainError("NO_SETTLEMENT_REFUND", CONFLICT, null));
            fixture.given(refunded)
                    .when(new RecordSettlementStatus(ID, REFUND, SettlementStatus.NOTHING_DUE, null))
                    .expectException(domainError("SETTLEMENT_STATUS_NOT_APPLICABLE", RULE_VIOLATION, "status"));
        }
    }

    @Nested
    class PersonalDataPurge {

        @Test
        void canPurgeTheDayAfterTheRetentionPeriod() {
            Instant now = subscriptions.today(LocalDate.parse("2026-07-15"));
            fixture.given(subscriptions.terminated())
                    .when(new PurgeSubscriptionPersonalData(ID))
                    .expectEvents(new SubscriptionPersonalDataPurged(ID, CUSTOMER, "subscription:" + ID,
                            LocalDate.parse("2026-07-14"), now));
        }

        @Test
        void cannotPurgeWithinTheRetentionPeriod() {
            subscriptions.today(LocalDate.parse("2026-07-14"));
            fixture.given(subscriptions.terminated())
                    .when(new PurgeSubscriptionPersonalData(ID))
                    .expectException(domainError("RETENTION_PERIOD_NOT_OVER", CONFLICT, null));
        }

        @Test
        void cannotPurgeASubscriptionThatIsNotTerminated() {
            subscriptions.today(LocalDate.parse("2027-07-15"));
            fixture.given(subscriptions.cancelled())
                    .when(new PurgeSubscriptionPersonalData(ID))
                    .expectException(domainError("SUBSCRIPTION_NOT_TERMINATED", CONFLICT, null));
        }

        @Test
        void purgingAgainRecordsNothing() {
            subscriptions.today(LocalDate.parse("2026-08-01"));
            fixture.given(with(subscriptions.terminated(), new SubscriptionPersonalDataPurged(ID, CUSTOMER,
                            "subscription:" + ID, LocalDate.parse("2026-07-14"), on(LocalDate.parse("2026-07-15")))))
                    .when(new PurgeSubscriptionPersonalData(ID))
                    .expectNoEvents();
        }

        @Test
        void theContactIsUnreadableOnceTheKeyIsDestroyed() {
            EncryptedPersonalData contact = SubscriptionPersonalData.encrypt(subscriptions.vault, ID,
                    new SubscriptionContact("王小明", null, null));
            assertThat(SubscriptionPersonalData.decrypt(subscriptions.vault, contact))
                    .contains(new SubscriptionContact("王小明", null, null));

            subscriptions.vault.destroy(SubscriptionPersonalData.keyId(ID));

            assertThat(SubscriptionPersonalData.decrypt(subscriptions.vault, contact)).isEmpty();
            assertThat(new String(java.util.Base64.getDecoder().decode(contact.ciphertext()), StandardCharsets.UTF_8))
                    .doesNotContain("王小明");
        }
    }
}
