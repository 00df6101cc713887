package io.refundledger.command.refund;

import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.events.refund.SatisfactionRated;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.refundledger.command.refund.RefundFixture.AGENT;
import static io.refundledger.command.refund.RefundFixture.FINANCE;
import static io.refundledger.command.refund.RefundFixture.ID;
import static io.refundledger.command.refund.RefundFixture.NOW;
import static io.refundledger.command.refund.RefundFixture.ORDER;
import static io.refundledger.command.refund.RefundFixture.REVIEWER;
import static io.refundledger.command.refund.RefundFixture.REVIEWER2;
import static io.refundledger.command.refund.RefundFixture.actor;
import static io.refundledger.command.refund.RefundFixture.by;
import static io.refundledger.command.refund.RefundFixture.cny;
import static io.refundledger.command.refund.RefundFixture.evaluated;
import static io.refundledger.command.refund.RefundFixture.notification;
import static io.refundledger.command.refund.RefundFixture.submission;
import static io.refundledger.command.testing.DomainErrors.domainError;
import static io.refundledger.infrastructure.errors.ErrorKind.CONFLICT;
import static io.refundledger.infrastructure.errors.ErrorKind.FORBIDDEN;
import static io.refundledger.infrastructure.errors.ErrorKind.INVALID_INPUT;
import static io.refundledger.infrastructure.errors.ErrorKind.RULE_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

/** Review, four-eyes approval, returns, payouts, rating and escalation of one application. */
class RefundLifecycleTest {

    static final String RMA = "RMA-" + RefundFixture.NUMBER;
    static final Instant DUE = Instant.parse("2026-11-25T02:00:00Z");

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

    static List<Object> history(List<Object> first, Object... more) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** A 1200.00 refund the reviewer approved for 1000.00 (notifications n1, n2). */
    static List<Object> approved(Object... more) {
        return history(history(submission("1200.00", "1000.00"),
                by(REVIEWER, new RefundApplicationApproved(ID, cny("1000.00"), null, NOW, null, null)),
                notification(2, "refund-approved")), more);
    }

    static List<Object> paying(Object... more) {
        return history(approved(new PayoutStarted(ID, "p-1", cny("1000.00"), PayoutMethod.ORIGINAL_PAYMENT, 1, NOW)), more);
    }

    static List<Object> paid(Object... more) {
        return history(paying(new PayoutSucceeded(ID, "p-1", cny("1000.00"), PayoutMethod.ORIGINAL_PAYMENT, "BANK-77", NOW),
                notification(3, "refund-paid")), more);
    }

    /** A 6000.00 refund above the threshold, approved first by the reviewer. */
    static List<Object> firstApproved(Object... more) {
        return history(history(submission("8000.00", "6000.00", RefundType.REFUND_ONLY, true, "8000.00", true),
                by(REVIEWER, new FirstApprovalGiven(ID, cny("6000.00"), "checked invoice", null, NOW))), more);
    }

    /** An approved return of goods (notification n2, return authorised); the ledger holds 1000.00. */
    List<Object> returnApproved(RefundType type, Object... more) {
        refunds.givenReserved(ID, "1000.00", "1200.00", "1000.00");
        return history(history(submission("1200.00", "1000.00", type, true, "1200.00", false),
                by(REVIEWER, new RefundApplicationApproved(ID, cny("1000.00"), null, NOW, null, null)),
                new ReturnAuthorized(ID, RMA, PolicyTesting.RETURN_ADDRESS, NOW),
                notification(2, "refund-approved")), more);
    }

    List<Object> returnReceived(RefundType type, Object... more) {
        return history(returnApproved(type, new ReturnShipped(ID, "SF", "SF123", NOW), new ReturnReceived(ID, NOW)), more);
    }

    @Nested
    class Assigning {

        @Test
        void assignsAReviewer() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new AssignRefundApplication(ID, "reviewer2"), REVIEWER)
                    .expectEvents(new RefundApplicationAssigned(ID, "reviewer2", null, NOW));
        }

        @Test
        void reassigningRecordsThePreviousReviewer() {
            fixture.given(history(submission("1200.00", "1000.00"), new RefundApplicationAssigned(ID, "reviewer", null, NOW)))
                    .when(new AssignRefundApplication(ID, "reviewer2"), REVIEWER)
                    .expectEvents(new RefundApplicationAssigned(ID, "reviewer2", "reviewer", NOW));
        }

        @Test
        void cannotAssignToTheSameReviewerAgain() {
            fixture.given(history(submission("1200.00", "1000.00"), new RefundApplicationAssigned(ID, "reviewer", null, NOW)))
                    .when(new AssignRefundApplication(ID, "reviewer"), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("ALREADY_ASSIGNED", CONFLICT, null));
        }

        @Test
        void cannotAssignWithoutReviewer() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new AssignRefundApplication(ID, " "), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REVIEWER_ID_REQUIRED", INVALID_INPUT, "reviewerId"));
        }

        @Test
        void cannotAssignAClosedApplication() {
            fixture.given(paid())
                    .when(new AssignRefundApplication(ID, "reviewer2"), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_CLOSED", CONFLICT, null));
        }
    }

    @Nested
    class MissingInformation {

        @Test
        void theReviewerAsksAndTheCustomerIsNotified() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new RequestMoreInformation(ID, " Please upload the invoice "), REVIEWER)
                    .expectResultMessagePayload(RefundStatus.AWAITING_INFORMATION)
                    .expectEvents(new MoreInformationRequested(ID, "Please upload the invoice", NOW),
                            notification(2, "information-requested"));
        }

        @Test
        void cannotAskWithoutAQuestion() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new RequestMoreInformation(ID, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("QUESTION_REQUIRED", INVALID_INPUT, "question"));
        }

        @Test
        void cannotAskOnceDecided() {
            fixture.given(approved())
                    .when(new RequestMoreInformation(ID, "invoice?"), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void theAnswerWithDocumentsResumesReview() {
            fixture.given(history(submission("1200.00", "1000.00"), new MoreInformationRequested(ID, "invoice?", NOW),
                            notification(2, "information-requested")))
                    .when(new ProvideMoreInformation(ID, "attached", List.of("doc-1", " doc-2 ")), AGENT)
                    .expectResultMessagePayload(RefundStatus.SUBMITTED)
                    .expectEvents(new MoreInformationProvided(ID, "attached", List.of("doc-1", "doc-2"), NOW));
        }

        @Test
        void cannotAnswerWhenNothingWasAsked() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ProvideMoreInformation(ID, "attached", List.of()), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("NO_INFORMATION_REQUESTED", CONFLICT, null));
        }

        @Test
        void cannotAnswerWithBlankAttachmentReferences() {
            fixture.given(history(submission("1200.00", "1000.00"), new MoreInformationRequested(ID, "invoice?", NOW)))
                    .when(new ProvideMoreInformation(ID, "attached", List.of(" ")), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("ATTACHMENT_REFERENCE_INVALID", INVALID_INPUT, "attachmentReferences"));
        }

        @Test
        void cannotApproveWhileWaitingForTheCustomer() {
            fixture.given(history(submission("1200.00", "1000.00"), new MoreInformationRequested(ID, "invoice?", NOW)))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }
    }

    @Nested
    class PolicyExceptions {

        @Test
        void cannotApproveOutsideThePolicyWithoutAWrittenJustification() {
            fixture.given(submission("1200.00", "1000.00", RefundType.REFUND_ONLY, false, "1200.00", false))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("POLICY_EXCEPTION_JUSTIFICATION_REQUIRED", RULE_VIOLATION,
                            "exceptionJustification"));
            assertThat(refunds.ledgerEvents()).isEmpty();
        }

        @Test
        void canApproveOutsideThePolicyWithAJustification() {
            fixture.given(submission("1200.00", "1000.00", RefundType.REFUND_ONLY, false, "1200.00", false))
                    .when(new ApproveRefundApplication(ID, null, null, "VIP customer, manager agreed"), REVIEWER)
                    .expectEvents(new RefundApplicationApproved(ID, cny("1000.00"), null, NOW, "VIP customer, manager agreed", null),
                            notification(2, "refund-approved"));
        }

        @Test
        void approvingAboveTheEligibleAmountIsAnException() {
            fixture.given(submission("1200.00", "1000.00", RefundType.REFUND_ONLY, true, "800.00", false))
                    .when(new ApproveRefundApplication(ID, cny("900.00"), null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("POLICY_EXCEPTION_JUSTIFICATION_REQUIRED", RULE_VIOLATION,
                            "exceptionJustification"));
        }

        @Test
        void noJustificationAllowsMoreThanTheOrderHasLeft() {
            refunds.givenReserved("earlier-app", "500.00", "1200.00", "500.00");
            fixture.given(submission("1200.00", "1000.00", RefundType.REFUND_ONLY, false, "700.00", false))
                    .when(new ApproveRefundApplication(ID, null, null, "goodwill"), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("ORDER_CAP_EXCEEDED", RULE_VIOLATION, "approvedAmount"));
            assertThat(refunds.ledgerEvents()).hasSize(1);
        }
    }

    @Nested
    class FourEyes {

        @Test
        void aboveTheThresholdTheReviewersApprovalIsOnlyTheFirst() {
            fixture.given(submission("8000.00", "6000.00", RefundType.REFUND_ONLY, true, "8000.00", true))
                    .when(new ApproveRefundApplication(ID, null, "checked invoice"), REVIEWER)
                    .expectResultMessagePayload(RefundStatus.AWAITING_SECOND_APPROVAL)
                    .expectEvents(new FirstApprovalGiven(ID, cny("6000.00"), "checked invoice", null, NOW));
            assertThat(refunds.ledgerEvents()).isEmpty();
        }

        @Test
        void theOrdersRunningTotalCrossingTheThresholdNeedsASecondApprovalToo() {
            refunds.givenReserved("earlier-app", "3000.00", "9000.00", "3000.00");
            fixture.given(submission("9000.00", "3000.00"))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectEvents(new FirstApprovalGiven(ID, cny("3000.00"), null, null, NOW));
        }

        @Test
        void financeGivesTheSecondApprovalAndTheOrderReservesTheAmount() {
            fixture.given(firstApproved())
                    .when(new GiveSecondApproval(ID, null), FINANCE)
                    .expectResultMessagePayload(RefundStatus.APPROVED)
                    .expectEvents(new RefundApplicationApproved(ID, cny("6000.00"), "checked invoice", NOW, null, "reviewer"),
                            notification(2, "refund-approved"));
            assertThat(refunds.ledgerEvents()).containsExactly(
                    new OrderRefundReserved(ORDER, ID, cny("6000.00"), cny("8000.00"), cny("6000.00"), NOW));
        }

        @Test
        void theFirstApproverCannotGiveTheSecondApproval() {
            fixture.given(firstApproved())
                    .when(new GiveSecondApproval(ID, null), actor("reviewer", "REVIEWER,FINANCE"))
                    .expectNoEvents()
                    .expectException(domainError("FOUR_EYES_SAME_APPROVER", FORBIDDEN, null));
            assertThat(refunds.ledgerEvents()).isEmpty();
        }

        @Test
        void theSubmitterCannotApprove() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, null, null), actor("agent", "CUSTOMER_SERVICE,REVIEWER"))
                    .expectNoEvents()
                    .expectException(domainError("SUBMITTER_CANNOT_APPROVE", FORBIDDEN, null));
        }

        @Test
        void theSubmitterCannotGiveTheSecondApproval() {
            fixture.given(firstApproved())
                    .when(new GiveSecondApproval(ID, null), actor("agent", "FINANCE"))
                    .expectNoEvents()
                    .expectException(domainError("SUBMITTER_CANNOT_APPROVE", FORBIDDEN, null));
        }

        @Test
        void anotherReviewerIsNoFinanceApprover() {
            fixture.given(firstApproved())
                    .when(new GiveSecondApproval(ID, null), REVIEWER2)
                    .expectNoEvents()
                    .expectException(domainError("FINANCE_APPROVAL_REQUIRED", FORBIDDEN, null));
        }

        @Test
        void cannotApproveAnonymously() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, null, null))
                    .expectNoEvents()
                    .expectException(domainError("APPROVER_UNKNOWN", FORBIDDEN, null));
        }

        @Test
        void cannotGiveASecondApprovalNobodyAskedFor() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new GiveSecondApproval(ID, null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_SECOND_APPROVAL", CONFLICT, null));
        }

        @Test
        void theSecondApprovalRechecksWhatTheOrderHasLeft() {
            // Meanwhile another application of the order was approved.
            refunds.givenReserved("other-app", "3000.00", "8000.00", "3000.00");
            fixture.given(firstApproved())
                    .when(new GiveSecondApproval(ID, null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("ORDER_CAP_EXCEEDED", RULE_VIOLATION, "approvedAmount"));
            assertThat(refunds.ledgerEvents()).hasSize(1);
        }

        @Test
        void financeRejectsAtTheSecondApproval() {
            fixture.given(firstApproved())
                    .when(new RejectRefundApplication(ID, "no budget approval"), FINANCE)
                    .expectEvents(new RefundApplicationRejected(ID, "no budget approval", NOW), notification(2, "refund-rejected"));
        }

        @Test
        void aReviewerCannotRejectAtTheSecondApproval() {
            fixture.given(firstApproved())
                    .when(new RejectRefundApplication(ID, "changed my mind"), REVIEWER2)
                    .expectNoEvents()
                    .expectException(domainError("FINANCE_DECISION_REQUIRED", FORBIDDEN, null));
        }
    }

    @Nested
    class Resubmitting {

        static List<Object> rejected() {
            return history(submission("1200.00", "1000.00"), new RefundApplicationRejected(ID, "too much", NOW),
                    notification(2, "refund-rejected"));
        }

        @Test
        void anAmendedApplicationIsEvaluatedAgain() {
            fixture.given(rejected())
                    .when(new ResubmitRefundApplication(ID, cny("600.00"), null, null, "asked for less"), AGENT)
                    .expectResultMessagePayload(RefundStatus.SUBMITTED)
                    .expectEvents(new RefundApplicationResubmitted(ID, cny("600.00"), RefundReasonCategory.PRODUCT_QUALITY,
                                    "屏幕有坏点", "asked for less", NOW),
                            refunds.policy.evaluate(new PolicyFacts(cny("1200.00"), cny("600.00"),
                                            Instant.parse("2026-11-01T02:00:00Z"), null,
                                            io.refundledger.events.refund.ProductUsage.NOT_STATED, null, null, null),
                                    io.refundledger.command.order.OrderRefundPosition.none(), NOW).toEvent(ID, NOW));
        }

        @Test
        void cannotResubmitWithoutSayingWhatChanged() {
            fixture.given(rejected())
                    .when(new ResubmitRefundApplication(ID, cny("600.00"), null, null, " "), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("AMENDMENT_NOTE_REQUIRED", INVALID_INPUT, "amendmentNote"));
        }

        @Test
        void cannotResubmitWhatWasNotRejected() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ResubmitRefundApplication(ID, null, null, null, "more"), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_REJECTED", CONFLICT, null));
        }

        @Test
        void cannotResubmitForMoreThanWasPaid() {
            fixture.given(rejected())
                    .when(new ResubmitRefundApplication(ID, cny("1200.01"), null, null, "more"), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REQUESTED_EXCEEDS_PAID", RULE_VIOLATION, "requestedAmount"));
        }

        @Test
        void theResubmitterCannotApproveEither() {
            fixture.given(history(rejected(), by(actor("agent2", "CUSTOMER_SERVICE"),
                            new RefundApplicationResubmitted(ID, cny("600.00"), RefundReasonCategory.OTHER, null, "less", NOW)),
                            evaluated(true, "1200.00", false)))
                    .when(new ApproveRefundApplication(ID, null, null), actor("agent2", "REVIEWER"))
                    .expectNoEvents()
                    .expectException(domainError("SUBMITTER_CANNOT_APPROVE", FORBIDDEN, null));
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void canWithdrawDuringReview() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new WithdrawRefundApplication(ID, "found a solution"), AGENT)
                    .expectResultMessagePayload(RefundStatus.WITHDRAWN)
                    .expectEvents(new RefundApplicationWithdrawn(ID, "found a solution", NOW));
            assertThat(refunds.ledgerEvents()).isEmpty();
        }

        @Test
        void withdrawingAfterApprovalGivesTheReservationBack() {
            refunds.givenReserved(ID, "1000.00", "1200.00", "1000.00");
            fixture.given(approved())
                    .when(new WithdrawRefundApplication(ID, null), AGENT)
                    .expectEvents(new RefundApplicationWithdrawn(ID, null, NOW));
            assertThat(refunds.ledgerEvents()).last()
                    .isEqualTo(new OrderRefundReleased(ORDER, ID, cny("1000.00"), cny("0.00"), NOW));
        }

        @Test
        void cannotWithdrawOnceThePayoutStarted() {
            fixture.given(paying())
                    .when(new WithdrawRefundApplication(ID, null), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_CANNOT_BE_WITHDRAWN", CONFLICT, null));
        }

        @Test
        void cannotWithdrawARejectedApplication() {
            fixture.given(history(submission("1200.00", "1000.00"), new RefundApplicationRejected(ID, "no", NOW)))
                    .when(new WithdrawRefundApplication(ID, null), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_CANNOT_BE_WITHDRAWN", CONFLICT, null));
        }
    }

    @Nested
    class Returns {

        @Test
        void approvingAReturnAuthorisesItWithAnRmaNumberAndTheReturnAddress() {
            fixture.given(submission("1200.00", "1000.00", RefundType.RETURN_AND_REFUND, true, "1200.00", false))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectResultMessagePayload(RefundStatus.AWAITING_RETURN)
                    .expectEvents(new RefundApplicationApproved(ID, cny("1000.00"), null, NOW, null, null),
                            new ReturnAuthorized(ID, RMA, PolicyTesting.RETURN_ADDRESS, NOW),
                            notification(2, "refund-approved"));
            assertThat(refunds.ledgerEvents()).hasSize(1);
        }

        @Test
        void anExchangeReservesNothingOnTheOrder() {
            fixture.given(submission("1200.00", "1200.00", RefundType.EXCHANGE, true, "1200.00", false))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectEvents(new RefundApplicationApproved(ID, cny("1200.00"), null, NOW, null, null),
                            new ReturnAuthorized(ID, RMA, PolicyTesting.RETURN_ADDRESS, NOW),
                            notification(2, "refund-approved"));
            assertThat(refunds.ledgerEvents()).isEmpty();
        }

        @Test
        void theCustomerShipsTheGoodsBack() {
            fixture.given(returnApproved(RefundType.RETURN_AND_REFUND))
                    .when(new RecordReturnShipment(ID, "SF", "SF123"), AGENT)
                    .expectResultMessagePayload(RefundStatus.RETURN_IN_TRANSIT)
                    .expectEvents(new ReturnShipped(ID, "SF", "SF123", NOW));
        }

        @Test
        void cannotShipWithoutTrackingNumber() {
            fixture.given(returnApproved(RefundType.RETURN_AND_REFUND))
                    .when(new RecordReturnShipment(ID, "SF", null), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("TRACKING_NUMBER_REQUIRED", INVALID_INPUT, "trackingNumber"));
        }

        @Test
        void cannotShipBackARefundOnlyApplication() {
            fixture.given(approved())
                    .when(new RecordReturnShipment(ID, "SF", "SF123"), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("RETURN_NOT_AWAITED", CONFLICT, null));
        }

        @Test
        void theGoodsArrive() {
            fixture.given(returnApproved(RefundType.RETURN_AND_REFUND, new ReturnShipped(ID, "SF", "SF123", NOW)))
                    .when(new RecordReturnReceipt(ID), AGENT)
                    .expectResultMessagePayload(RefundStatus.RETURN_RECEIVED)
                    .expectEvents(new ReturnReceived(ID, NOW));
        }

        @Test
        void aPassedInspectionKeepsTheApprovedAmount() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND))
                    .when(new InspectReturn(ID, InspectionOutcome.PASSED, "as new", null), REVIEWER)
                    .expectEvents(new ReturnInspected(ID, InspectionOutcome.PASSED, "as new", null, NOW));
            assertThat(refunds.ledgerEvents()).hasSize(1);
        }

        @Test
        void aReducedAmountGivesTheDifferenceBackToTheOrder() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND))
                    .when(new InspectReturn(ID, InspectionOutcome.FAILED, "scratched", cny("700.00")), REVIEWER)
                    .expectEvents(new ReturnInspected(ID, InspectionOutcome.FAILED, "scratched", cny("700.00"), NOW));
            assertThat(refunds.ledgerEvents()).last()
                    .isEqualTo(new OrderRefundReleased(ORDER, ID, cny("300.00"), cny("700.00"), NOW));
        }

        @Test
        void cannotRaiseTheAmountAtInspection() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND))
                    .when(new InspectReturn(ID, InspectionOutcome.PASSED, null, cny("1000.01")), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("ADJUSTED_EXCEEDS_APPROVED", RULE_VIOLATION, "adjustedAmount"));
        }

        @Test
        void cannotInspectWithoutOutcome() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND))
                    .when(new InspectReturn(ID, null, null, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("OUTCOME_REQUIRED", INVALID_INPUT, "outcome"));
        }

        @Test
        void cannotInspectTwice() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND,
                            new ReturnInspected(ID, InspectionOutcome.PASSED, null, null, NOW)))
                    .when(new InspectReturn(ID, InspectionOutcome.FAILED, null, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("RETURN_NOT_AWAITING_INSPECTION", CONFLICT, null));
        }

        @Test
        void cannotInspectGoodsNotReceived() {
            fixture.given(returnApproved(RefundType.RETURN_AND_REFUND))
                    .when(new InspectReturn(ID, InspectionOutcome.PASSED, null, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("RETURN_NOT_AWAITING_INSPECTION", CONFLICT, null));
        }

        @Test
        void aFailedInspectionWithNothingToRefundReleasesAllAndEndsInRejection() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND))
                    .when(new InspectReturn(ID, InspectionOutcome.FAILED, "not our product", null), REVIEWER)
                    .expectEvents(new ReturnInspected(ID, InspectionOutcome.FAILED, "not our product", null, NOW));
            assertThat(refunds.ledgerEvents()).last()
                    .isEqualTo(new OrderRefundReleased(ORDER, ID, cny("1000.00"), cny("0.00"), NOW));
        }

        @Test
        void aReturnThatFailedInspectionWithNothingToRefundIsRejected() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND,
                            new ReturnInspected(ID, InspectionOutcome.FAILED, "not our product", null, NOW)))
                    .when(new RejectRefundApplication(ID, "returned goods are not ours"), REVIEWER)
                    .expectEvents(new RefundApplicationRejected(ID, "returned goods are not ours", NOW),
                            notification(3, "refund-rejected"));
        }

        @Test
        void cannotPayOutBeforeInspection() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND))
                    .when(new StartPayout(ID, "p-1", null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("PAYOUT_NOT_ALLOWED", CONFLICT, null));
        }

        @Test
        void paysOutWhatInspectionLeft() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND,
                            new ReturnInspected(ID, InspectionOutcome.FAILED, "scratched", cny("700.00"), NOW)))
                    .when(new StartPayout(ID, "p-1", null), FINANCE)
                    .expectEvents(new PayoutStarted(ID, "p-1", cny("700.00"), PayoutMethod.ORIGINAL_PAYMENT, 1, NOW));
        }

        @Test
        void anExchangeShipsAReplacementAfterAPassedInspection() {
            fixture.given(returnReceived(RefundType.EXCHANGE, new ReturnInspected(ID, InspectionOutcome.PASSED, null, null, NOW)))
                    .when(new RecordReplacementShipment(ID, "SF", "SF999"), AGENT)
                    .expectResultMessagePayload(RefundStatus.EXCHANGED)
                    .expectEvents(new ReplacementShipped(ID, "SF", "SF999", NOW));
        }

        @Test
        void cannotShipAReplacementBeforeInspection() {
            fixture.given(returnReceived(RefundType.EXCHANGE))
                    .when(new RecordReplacementShipment(ID, "SF", "SF999"), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REPLACEMENT_NOT_ALLOWED", CONFLICT, null));
        }

        @Test
        void cannotShipAReplacementForARefund() {
            fixture.given(returnReceived(RefundType.RETURN_AND_REFUND,
                            new ReturnInspected(ID, InspectionOutcome.PASSED, null, null, NOW)))
                    .when(new RecordReplacementShipment(ID, "SF", "SF999"), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("NOT_AN_EXCHANGE", CONFLICT, null));
        }

        @Test
        void anExchangeIsNeverPaidOut() {
            fixture.given(returnReceived(RefundType.EXCHANGE, new ReturnInspected(ID, InspectionOutcome.PASSED, null, null, NOW)))
                    .when(new StartPayout(ID, "p-1", null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("PAYOUT_NOT_ALLOWED", CONFLICT, null));
        }
    }

    @Nested
    class Payouts {

        @Test
        void financeStartsThePayoutOfTheApprovedAmount() {
            fixture.given(approved())
                    .when(new StartPayout(ID, "p-1", null), FINANCE)
                    .expectResultMessagePayload(RefundStatus.PAYOUT_IN_PROGRESS)
                    .expectEvents(new PayoutStarted(ID, "p-1", cny("1000.00"), PayoutMethod.ORIGINAL_PAYMENT, 1, NOW));
        }

        @Test
        void mayPayOutByAnotherMethod() {
            fixture.given(approved())
                    .when(new StartPayout(ID, "p-1", PayoutMethod.BANK_TRANSFER), FINANCE)
                    .expectEvents(new PayoutStarted(ID, "p-1", cny("1000.00"), PayoutMethod.BANK_TRANSFER, 1, NOW));
        }

        @Test
        void cannotPayOutBeforeApproval() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new StartPayout(ID, "p-1", null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("PAYOUT_NOT_ALLOWED", CONFLICT, null));
        }

        @Test
        void cannotStartASecondPayoutWhileOneIsInProgress() {
            fixture.given(paying())
                    .when(new StartPayout(ID, "p-2", null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("PAYOUT_ALREADY_IN_PROGRESS", CONFLICT, null));
        }

        @Test
        void aSuccessfulPayoutCompletesTheApplicationAndNotifiesTheCustomer() {
            fixture.given(paying())
                    .when(new RecordPayoutSuccess(ID, "p-1", "BANK-77"), FINANCE)
                    .expectResultMessagePayload(RefundStatus.PAID)
                    .expectEvents(new PayoutSucceeded(ID, "p-1", cny("1000.00"), PayoutMethod.ORIGINAL_PAYMENT, "BANK-77", NOW),
                            notification(3, "refund-paid"));
        }

        @Test
        void cannotPayTwice() {
            fixture.given(paid())
                    .when(new StartPayout(ID, "p-2", null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_ALREADY_PAID", CONFLICT, null));
        }

        @Test
        void cannotPayTwiceByReportingSuccessAgain() {
            fixture.given(paid())
                    .when(new RecordPayoutSuccess(ID, "p-1", "BANK-78"), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_ALREADY_PAID", CONFLICT, null));
        }

        @Test
        void anOutcomeMustNameTheCurrentPayout() {
            fixture.given(paying())
                    .when(new RecordPayoutSuccess(ID, "p-0", "BANK-77"), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("PAYOUT_NOT_CURRENT", CONFLICT, null));
        }

        @Test
        void cannotReportSuccessWithoutExternalReference() {
            fixture.given(paying())
                    .when(new RecordPayoutSuccess(ID, "p-1", null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("EXTERNAL_REFERENCE_REQUIRED", INVALID_INPUT, "externalReference"));
        }

        @Test
        void aFailedPayoutIsRecordedWithItsReason() {
            fixture.given(paying())
                    .when(new RecordPayoutFailure(ID, "p-1", "account closed"), FINANCE)
                    .expectResultMessagePayload(RefundStatus.PAYOUT_FAILED)
                    .expectEvents(new PayoutFailed(ID, "p-1", "account closed", NOW));
        }

        @Test
        void cannotReportAFailureWithoutPayoutInProgress() {
            fixture.given(approved())
                    .when(new RecordPayoutFailure(ID, "p-1", "account closed"), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("NO_PAYOUT_IN_PROGRESS", CONFLICT, null));
        }

        @Test
        void aFailedPayoutIsRetriedAsTheNextAttempt() {
            fixture.given(paying(new PayoutFailed(ID, "p-1", "account closed", NOW)))
                    .when(new StartPayout(ID, "p-2", PayoutMethod.BANK_TRANSFER), FINANCE)
                    .expectEvents(new PayoutStarted(ID, "p-2", cny("1000.00"), PayoutMethod.BANK_TRANSFER, 2, NOW));
        }

        @Test
        void aRetryNeedsANewPayoutId() {
            fixture.given(paying(new PayoutFailed(ID, "p-1", "account closed", NOW)))
                    .when(new StartPayout(ID, "p-1", null), FINANCE)
                    .expectNoEvents()
                    .expectException(domainError("PAYOUT_ID_ALREADY_USED", CONFLICT, null));
        }
    }

    @Nested
    class Rating {

        @Test
        void theCustomerRatesACompletedRefund() {
            fixture.given(paid())
                    .when(new RateRefundApplication(ID, 5, " fast "), AGENT)
                    .expectEvents(new SatisfactionRated(ID, 5, "fast", NOW));
        }

        @Test
        void cannotRateBeforeCompletion() {
            fixture.given(approved())
                    .when(new RateRefundApplication(ID, 5, null), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_COMPLETED", CONFLICT, null));
        }

        @Test
        void cannotRateTwice() {
            fixture.given(paid(new SatisfactionRated(ID, 4, null, NOW)))
                    .when(new RateRefundApplication(ID, 5, null), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("ALREADY_RATED", CONFLICT, null));
        }

        @Test
        void ratesFromOneToFive() {
            fixture.given(paid())
                    .when(new RateRefundApplication(ID, 6, null), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("RATING_OUT_OF_RANGE", INVALID_INPUT, "rating"));
            fixture.given(paid())
                    .when(new RateRefundApplication(ID, 0, null), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("RATING_OUT_OF_RANGE", INVALID_INPUT, "rating"));
        }
    }

    @Nested
    class Escalation {

        @Test
        void escalatesAReviewThatIsOverdue() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new EscalateRefundApplication(ID, DeadlineKind.REVIEW, DUE))
                    .expectEvents(new RefundApplicationEscalated(ID, DeadlineKind.REVIEW, DUE, NOW));
        }

        @Test
        void escalatesTheSameDeadlineOnlyOnce() {
            fixture.given(history(submission("1200.00", "1000.00"),
                            new RefundApplicationEscalated(ID, DeadlineKind.REVIEW, DUE, NOW)))
                    .when(new EscalateRefundApplication(ID, DeadlineKind.REVIEW, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aNewDeadlineAfterResubmissionIsEscalatedAgain() {
            Instant later = DUE.plusSeconds(86400 * 5);
            fixture.given(history(submission("1200.00", "1000.00"),
                            new RefundApplicationEscalated(ID, DeadlineKind.REVIEW, DUE, NOW)))
                    .when(new EscalateRefundApplication(ID, DeadlineKind.REVIEW, later))
                    .expectEvents(new RefundApplicationEscalated(ID, DeadlineKind.REVIEW, later, NOW));
        }

        @Test
        void ignoresAReviewDeadlineOnceDecided() {
            fixture.given(approved())
                    .when(new EscalateRefundApplication(ID, DeadlineKind.REVIEW, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void ignoresAReviewDeadlineWhileWaitingForTheCustomer() {
            fixture.given(history(submission("1200.00", "1000.00"), new MoreInformationRequested(ID, "invoice?", NOW)))
                    .when(new EscalateRefundApplication(ID, DeadlineKind.REVIEW, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void escalatesAReviewAwaitingTheSecondApproval() {
            fixture.given(firstApproved())
                    .when(new EscalateRefundApplication(ID, DeadlineKind.REVIEW, DUE))
                    .expectEvents(new RefundApplicationEscalated(ID, DeadlineKind.REVIEW, DUE, NOW));
        }

        @Test
        void escalatesAnOverduePayout() {
            fixture.given(approved())
                    .when(new EscalateRefundApplication(ID, DeadlineKind.PAYOUT, DUE))
                    .expectEvents(new RefundApplicationEscalated(ID, DeadlineKind.PAYOUT, DUE, NOW));
        }

        @Test
        void escalatesAFailedPayout() {
            fixture.given(paying(new PayoutFailed(ID, "p-1", "account closed", NOW)))
                    .when(new EscalateRefundApplication(ID, DeadlineKind.PAYOUT, DUE))
                    .expectEvents(new RefundApplicationEscalated(ID, DeadlineKind.PAYOUT, DUE, NOW));
        }

        @Test
        void ignoresAPayoutDeadlineOncePaid() {
            fixture.given(paid())
                    .when(new EscalateRefundApplication(ID, DeadlineKind.PAYOUT, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void escalatesAnInspectedExchangeWhoseReplacementIsOverdue() {
            fixture.given(returnReceived(RefundType.EXCHANGE, new ReturnInspected(ID, InspectionOutcome.PASSED, null, null, NOW)))
                    .when(new EscalateRefundApplication(ID, DeadlineKind.PAYOUT, DUE))
                    .expectEvents(new RefundApplicationEscalated(ID, DeadlineKind.PAYOUT, DUE, NOW));
        }

        @Test
        void ignoresAPayoutDeadlineWhileTheGoodsAreOnTheirWay() {
            fixture.given(returnApproved(RefundType.RETURN_AND_REFUND, new ReturnShipped(ID, "SF", "SF123", NOW)))
                    .when(new EscalateRefundApplication(ID, DeadlineKind.PAYOUT, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
