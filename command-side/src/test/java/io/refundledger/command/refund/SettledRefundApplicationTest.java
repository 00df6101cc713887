package io.refundledger.command.refund;

import io.refundledger.command.order.OrderRefundPosition;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.refundledger.command.refund.RefundFixture.ID;
import static io.refundledger.command.refund.RefundFixture.NOW;
import static io.refundledger.command.refund.RefundFixture.NUMBER;
import static io.refundledger.command.refund.RefundFixture.REVIEWER;
import static io.refundledger.command.refund.RefundFixture.by;
import static io.refundledger.command.refund.RefundFixture.cny;
import static io.refundledger.command.refund.RefundFixture.notification;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refund application the cancellation process opens for a subscription's net refund: linked to the
 * subscription, judged as settled by contract (the 30-day window and the proration were decided by the
 * settlement), and then reviewed and paid like any other.
 */
class SettledRefundApplicationTest {

    static final Map<String, Object> PROCESS_MANAGER = Map.of("actor", "system");
    static final String SUBSCRIPTION = "S-2026-0001";
    /** Ten months before the fixture's clock: a purchase this old would be far outside the window. */
    static final Instant TERM_START = Instant.parse("2026-01-31T16:00:00Z");

    RefundFixture refunds;
    FixtureConfiguration<RefundApplication> fixture;

    @BeforeEach
    void setUp() {
        refunds = new RefundFixture();
        fixture = refunds.fixture;
    }

    @AfterEach
    void tearDown() {
        refunds.shutDown();
    }

    static SubmitRefundApplication settlementRefund(String prepaid, String net) {
        return new SubmitRefundApplication(ID, NUMBER, "C-1001", "subscription:" + SUBSCRIPTION, RefundType.REFUND_ONLY,
                cny(prepaid), cny(net), RefundReasonCategory.BUSINESS_CHANGE, "退订 settlement", PayoutMethod.ORIGINAL_PAYMENT,
                TERM_START, null, null, null, null, null, "crm-mobile", "SMB", SUBSCRIPTION);
    }

    static RefundApplicationSubmitted settlementSubmitted(String prepaid, String net) {
        return new RefundApplicationSubmitted(ID, NUMBER, "C-1001", "subscription:" + SUBSCRIPTION, RefundType.REFUND_ONLY,
                cny(prepaid), cny(net), RefundReasonCategory.BUSINESS_CHANGE, "退订 settlement", PayoutMethod.ORIGINAL_PAYMENT,
                TERM_START, NOW, null, ProductUsage.NOT_STATED, null, null, null, "crm-mobile", "SMB", SUBSCRIPTION);
    }

    RefundPolicyEvaluated settledByContract(String prepaid, String net) {
        return refunds.policy.evaluateContractSettlement(new PolicyFacts(cny(prepaid), cny(net), TERM_START, null,
                ProductUsage.NOT_STATED, null, null, null), SUBSCRIPTION, OrderRefundPosition.none(), NOW).toEvent(ID, NOW);
    }

    @Test
    void isRecordedWithItsSubscriptionAndJudgedAsSettledByContract() {
        fixture.givenNoPriorActivity()
                .when(settlementRefund("1200.00", "131.51"), PROCESS_MANAGER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(settlementSubmitted("1200.00", "131.51"), settledByContract("1200.00", "131.51"),
                        notification(1, "refund-submitted"));

        RefundPolicyEvaluated recorded = (RefundPolicyEvaluated) fixture.getEventStore().readEvents(ID).asStream()
                .toList().get(1).getPayload();
        assertThat(recorded.withinPolicy()).isTrue();
        assertThat(recorded.eligibleAmount()).isEqualTo(cny("131.51"));
        assertThat(recorded.rules()).extracting(PolicyRuleResult::rule).contains("SETTLED_BY_CONTRACT");
        assertThat(recorded.rules()).filteredOn(r -> r.rule().equals("REFUND_WINDOW"))
                .allSatisfy(r -> assertThat(r.passed()).isTrue());
    }

    @Test
    void canBeApprovedByAReviewerWithoutAPolicyException() {
        fixture.given(by(PROCESS_MANAGER, settlementSubmitted("1200.00", "131.51")),
                        settledByContract("1200.00", "131.51"), notification(1, "refund-submitted"))
                .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RefundApplicationApproved(ID, cny("131.51"), null, NOW, null, null),
                        notification(2, "refund-approved"));
    }

    @Test
    void isJudgedAsSettledByContractAgainWhenResubmitted() {
        fixture.given(by(PROCESS_MANAGER, settlementSubmitted("1200.00", "131.51")),
                        settledByContract("1200.00", "131.51"), notification(1, "refund-submitted"),
                        new RefundApplicationRejected(ID, "bank details missing", NOW),
                        notification(2, "refund-rejected"))
                .when(new ResubmitRefundApplication(ID, null, null, null, "bank details added"),
                        Map.of("actor", "agent", "actorRoles", "CUSTOMER_SERVICE"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RefundApplicationResubmitted(ID, cny("131.51"), RefundReasonCategory.BUSINESS_CHANGE,
                        "退订 settlement", "bank details added", NOW), settledByContract("1200.00", "131.51"));
    }

    @Test
    void anApplicationWithoutASubscriptionIsStillJudgedLikeAPurchase() {
        SubmitRefundApplication purchase = new SubmitRefundApplication(ID, NUMBER, "C-1001", "SO-1", RefundType.REFUND_ONLY,
                cny("1200.00"), cny("131.51"), RefundReasonCategory.BUSINESS_CHANGE, null, PayoutMethod.ORIGINAL_PAYMENT,
                TERM_START, null, null, null, null, null, null, null, null);

        fixture.givenNoPriorActivity()
                .when(purchase, Map.of("actor", "agent"))
                .expectSuccessfulHandlerExecution();

        RefundPolicyEvaluated recorded = (RefundPolicyEvaluated) fixture.getEventStore().readEvents(ID).asStream()
                .toList().get(1).getPayload();
        assertThat(recorded.withinPolicy()).isFalse();
        assertThat(recorded.rules().get(0).rule()).isEqualTo("REFUND_WINDOW");
        assertThat(recorded.rules().get(0).passed()).isFalse();
        assertThat(recorded.rules()).extracting(PolicyRuleResult::rule).doesNotContain("SETTLED_BY_CONTRACT");
        assertThat(List.of(recorded.eligibleAmount())).containsExactly(Money.of("1200.00", "CNY"));
    }
}
