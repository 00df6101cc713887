package io.refundledger.query.refund;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundDeduction;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.events.refund.SatisfactionRated;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Refund and order-ledger events as the command side writes them, with defaults where a test does not care. */
public final class RefundEvents {

    public static final String AGGREGATE_TYPE = "RefundApplication";
    public static final String LEDGER_AGGREGATE_TYPE = "OrderRefundLedger";
    public static final Instant PURCHASED_AT = Instant.parse("2026-11-01T08:30:00Z");
    public static final String POLICY_VERSION = "2026-11";

    /** Unique across every test in the JVM: the application number has a unique index. */
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private RefundEvents() {
    }

    public static String newApplicationId() {
        return UUID.randomUUID().toString();
    }

    public static String newApplicationNumber() {
        return String.format("RF-20261123-%06d", NUMBERS.incrementAndGet());
    }

    /** Metadata naming who acted, as the command side's dispatch interceptor writes it. */
    public static Map<String, String> by(String actor, String roles) {
        return Map.of(MetadataKeys.ACTOR, actor, MetadataKeys.ACTOR_ROLES, roles);
    }

    // ------------------------------------------------------------------------------------------- submission and review

    public static RefundApplicationSubmitted submitted(String applicationId, String applicationNumber, String customerId,
                                                       String orderId, Instant submittedAt) {
        return submitted(applicationId, applicationNumber, customerId, orderId, RefundType.REFUND_ONLY,
                Money.of("1299.00", "CNY"), Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, submittedAt);
    }

    public static RefundApplicationSubmitted submitted(String applicationId, String applicationNumber, String customerId,
                                                       String orderId, RefundType type, Money paid, Money requested,
                                                       PayoutMethod payoutMethod, Instant submittedAt) {
        return new RefundApplicationSubmitted(applicationId, applicationNumber, customerId, orderId,
                type, paid, requested, RefundReasonCategory.PRODUCT_QUALITY, "屏幕有坏点 (dead pixels)", payoutMethod,
                PURCHASED_AT, submittedAt, null, ProductUsage.NOT_STATED, null, null, null, null, null, null);
    }

    /** Outside nothing, with one deduction: a discount claw-back of 100 of the requested currency. */
    public static RefundPolicyEvaluated evaluated(String applicationId, Money eligible, boolean secondApprovalRequired,
                                                  Instant reviewDueBy, Instant evaluatedAt) {
        return new RefundPolicyEvaluated(applicationId, POLICY_VERSION, true,
                List.of(new PolicyRuleResult("REFUND_WINDOW", true, "22 of 30 days"),
                        new PolicyRuleResult("DISCOUNT_CLAWBACK", true, "discount of 100.00 received")),
                eligible, List.of(new RefundDeduction("DISCOUNT_CLAWBACK", Money.of("100", eligible.currency()),
                        "Discount received with the purchase")),
                secondApprovalRequired, reviewDueBy, evaluatedAt);
    }

    public static RefundApplicationAssigned assigned(String applicationId, String reviewerId, String previous, Instant at) {
        return new RefundApplicationAssigned(applicationId, reviewerId, previous, at);
    }

    public static MoreInformationRequested informationRequested(String applicationId, String question, Instant at) {
        return new MoreInformationRequested(applicationId, question, at);
    }

    public static MoreInformationProvided informationProvided(String applicationId, String answer, List<String> attachments,
                                                              Instant at) {
        return new MoreInformationProvided(applicationId, answer, attachments, at);
    }

    public static FirstApprovalGiven firstApproval(String applicationId, String amount, Instant at) {
        return new FirstApprovalGiven(applicationId, Money.of(amount, "CNY"), "Defect confirmed", null, at);
    }

    public static RefundApplicationApproved approved(String applicationId, String amount, Instant approvedAt) {
        return new RefundApplicationApproved(applicationId, Money.of(amount, "CNY"), "Photos confirm the defect", approvedAt, null, null);
    }

    public static RefundApplicationApproved approved(String applicationId, Money amount, Instant approvedAt) {
        return new RefundApplicationApproved(applicationId, amount, "Photos confirm the defect", approvedAt, null, null);
    }

    public static RefundApplicationApproved secondApproval(String applicationId, String amount, String firstApprovedBy,
                                                           Instant approvedAt) {
        return new RefundApplicationApproved(applicationId, Money.of(amount, "CNY"), "Second approval", approvedAt, null,
                firstApprovedBy);
    }

    public static RefundApplicationRejected rejected(String applicationId, Instant rejectedAt) {
        return new RefundApplicationRejected(applicationId, "Outside the 7-day return window", rejectedAt);
    }

    public static RefundApplicationResubmitted resubmitted(String applicationId, String requested, Instant at) {
        return new RefundApplicationResubmitted(applicationId, Money.of(requested, "CNY"), RefundReasonCategory.DAMAGED_IN_TRANSIT,
                "Box arrived crushed", "Added courier photos", at);
    }

    public static RefundApplicationWithdrawn withdrawn(String applicationId, Instant at) {
        return new RefundApplicationWithdrawn(applicationId, "Customer kept the product", at);
    }

    // ------------------------------------------------------------------------------------------- returns

    public static ReturnAuthorized returnAuthorized(String applicationId, Instant at) {
        return new ReturnAuthorized(applicationId, "RA-" + applicationId.substring(0, 8), "Warehouse 3, Shanghai", at);
    }

    public static ReturnShipped returnShipped(String applicationId, Instant at) {
        return new ReturnShipped(applicationId, "SF Express", "SF1234567890", at);
    }

    public static ReturnReceived returnReceived(String applicationId, Instant at) {
        return new ReturnReceived(applicationId, at);
    }

    public static ReturnInspected inspected(String applicationId, InspectionOutcome outcome, Money adjusted, Instant at) {
        return new ReturnInspected(applicationId, outcome, outcome == InspectionOutcome.PASSED ? "As new" : "Scratched", adjusted, at);
    }

    public static ReplacementShipped replacementShipped(String applicationId, Instant at) {
        return new ReplacementShipped(applicationId, "JD Logistics", "JD0001", at);
    }

    // ------------------------------------------------------------------------------------------- payout and after

    public static PayoutStarted payoutStarted(String applicationId, String payoutId, Money amount, PayoutMethod method,
                                              int attempt, Instant at) {
        return new PayoutStarted(applicationId, payoutId, amount, method, attempt, at);
    }

    public static PayoutFailed payoutFailed(String applicationId, String payoutId, String reason, Instant at) {
        return new PayoutFailed(applicationId, payoutId, reason, at);
    }

    public static PayoutSucceeded payoutSucceeded(String applicationId, String payoutId, Money amount, PayoutMethod method,
                                                  Instant at) {
        return new PayoutSucceeded(applicationId, payoutId, amount, method, "EXT-" + payoutId, at);
    }

    public static SatisfactionRated rated(String applicationId, int rating, Instant at) {
        return new SatisfactionRated(applicationId, rating, "Quick and clear", at);
    }

    public static CustomerNotificationRequested notified(String applicationId, String notificationId, String template, Instant at) {
        return new CustomerNotificationRequested(applicationId, notificationId, NotificationChannel.SMS, template,
                "customer-contact-1", at);
    }

    public static RefundApplicationEscalated escalated(String applicationId, DeadlineKind deadline, Instant dueAt, Instant at) {
        return new RefundApplicationEscalated(applicationId, deadline, dueAt, at);
    }

    // ------------------------------------------------------------------------------------------- the order ledger

    public static OrderRefundReserved reserved(String orderId, String applicationId, Money amount, Money paid, Money total,
                                               Instant at) {
        return new OrderRefundReserved(orderId, applicationId, amount, paid, total, at);
    }

    public static OrderRefundReleased released(String orderId, String applicationId, Money amount, Money total, Instant at) {
        return new OrderRefundReleased(orderId, applicationId, amount, total, at);
    }
}
