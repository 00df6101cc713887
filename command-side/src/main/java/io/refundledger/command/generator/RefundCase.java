package io.refundledger.command.generator;

import io.refundledger.command.order.OrderRefundPosition;
import io.refundledger.command.refund.ApproveRefundApplication;
import io.refundledger.command.refund.AssignRefundApplication;
import io.refundledger.command.refund.GiveSecondApproval;
import io.refundledger.command.refund.InspectReturn;
import io.refundledger.command.refund.PolicyFacts;
import io.refundledger.command.refund.ProvideMoreInformation;
import io.refundledger.command.refund.RateRefundApplication;
import io.refundledger.command.refund.RecordPayoutFailure;
import io.refundledger.command.refund.RecordPayoutSuccess;
import io.refundledger.command.refund.RecordReplacementShipment;
import io.refundledger.command.refund.RecordReturnReceipt;
import io.refundledger.command.refund.RecordReturnShipment;
import io.refundledger.command.refund.RefundPolicy;
import io.refundledger.command.refund.RejectRefundApplication;
import io.refundledger.command.refund.RequestMoreInformation;
import io.refundledger.command.refund.RequestedRefund;
import io.refundledger.command.refund.ResubmitRefundApplication;
import io.refundledger.command.refund.StartPayout;
import io.refundledger.command.refund.WithdrawRefundApplication;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * One generated refund application: what the customer asks for, and then, step by step, what staff and customer
 * do next given where the application stands. It decides like the people it stands for (a reviewer approves what
 * the policy allows, finance retries a failed payout) and takes the application's answer for its status, so
 * whatever the aggregate decides (a second approval above the threshold) is simply followed. Pure: no Spring, no
 * I/O; its randomness comes from its own seed, so a case reads the same whatever else runs beside it.
 */
public final class RefundCase implements GeneratedCase {

    private static final String CNY = "CNY";
    /** A share of orders paid in dollars by overseas customers, at a rounded rate. */
    private static final BigDecimal CNY_PER_USD = new BigDecimal("7");

    private final RefundScenario scenario;
    private final String applicationId;
    private final Random random;
    private final WorkingHours hours;
    private final RefundPolicy policy;

    private final Catalogue.Segment segment;
    private final Product product;
    private final String customerChannel;
    private final RequestedRefund refund;
    private final Instant submitAt;
    private final Staff reviewer;
    /** Median hours this reviewer takes over a decision: reviewer2 is slower and sometimes breaches the SLA. */
    private final double reviewHours;
    private final boolean withdrawBeforeDecision;
    private final boolean financeRejects;
    private final boolean inspectionPasses;
    private final boolean willRate;

    private RefundStatus status;
    private Money requested;
    private boolean assigned;
    private boolean informationAsked;
    private boolean rejectedOnce;
    private boolean resubmitted;
    private boolean inspected;
    private Money refundableAfterInspection;
    private int payoutAttempts;
    private String currentPayoutId;
    private boolean rated;

    /**
     * @param submitAt when the customer asks (the generator spreads these over the simulated period)
     * @param orderTag makes order ids unique per generator run, so runs into the same database never share orders
     */
    public RefundCase(RefundScenario scenario, long seed, Instant submitAt, String orderTag, int index,
                      RefundPolicy policy, ZoneId businessZone) {
        this.scenario = scenario;
        this.random = new Random(seed);
        this.hours = new WorkingHours(businessZone);
        this.policy = policy;
        this.applicationId = UUID.nameUUIDFromBytes(("refund:" + orderTag + ":" + index).getBytes(StandardCharsets.UTF_8)).toString();
        this.submitAt = submitAt;

        this.segment = Catalogue.segment(random);
        this.product = needsGoods(scenario) ? Catalogue.goods(random) : Catalogue.product(random);
        this.customerChannel = random.nextDouble() < segment.offlineShare() ? "OFFLINE" : "ONLINE";
        this.reviewer = random.nextDouble() < 0.6 ? Staff.REVIEWER : Staff.REVIEWER2;
        this.reviewHours = reviewer == Staff.REVIEWER ? 5 : 16;
        this.withdrawBeforeDecision = random.nextDouble() < 0.6;
        this.financeRejects = random.nextDouble() < 0.15;
        this.inspectionPasses = random.nextDouble() < 0.8;
        this.willRate = random.nextDouble() < 0.6;
        this.refund = draftRequest(orderTag, index);
        this.requested = refund.requestedAmount();
    }

    private static boolean needsGoods(RefundScenario scenario) {
        return scenario == RefundScenario.RETURN_AND_REFUND || scenario == RefundScenario.EXCHANGE;
    }

    @Override
    public String id() {
        return applicationId;
    }

    public RefundScenario scenario() {
        return scenario;
    }

    @Override
    public String scenarioName() {
        return scenario.name();
    }

    @Override
    public String stateName() {
        return status == null ? "NOT_SUBMITTED" : status.name();
    }

    /** Where the application stood after the last step that was taken; {@code null} before submission. */
    public RefundStatus status() {
        return status;
    }

    /** The customer's application, sent by customer service. */
    @Override
    public Move first() {
        return new Move(submitAt, Staff.AGENT, new Submission(applicationId, refund), customerChannel);
    }

    /** Every refund command answers with the application's status; the submission with the new application's id. */
    @Override
    public Optional<Move> next(Instant previous, Object answer) {
        return after(previous, answer instanceof RefundStatus answered ? answered : RefundStatus.SUBMITTED);
    }

    /**
     * What happens next, given the status the application answered the previous step with.
     *
     * @param previous when the previous step happened
     * @return nothing when the application's course is complete
     */
    public Optional<Move> after(Instant previous, RefundStatus answered) {
        this.status = answered;
        return switch (answered) {
            case SUBMITTED -> Optional.of(underReview(previous));
            case AWAITING_INFORMATION -> Optional.of(customer(previous, hoursAround(14),
                    new ProvideMoreInformation(applicationId, "已上传发票和商品照片 / invoice and photos attached",
                            List.of("evidence/" + applicationId + "/invoice.pdf", "evidence/" + applicationId + "/photo-1.jpg"))));
            case AWAITING_SECOND_APPROVAL -> Optional.of(staff(previous, hoursAround(10), Staff.FINANCE,
                    financeRejects
                            ? new RejectRefundApplication(applicationId, "超出合同约定的退款范围 / not covered by the contract; offered a credit note")
                            : new GiveSecondApproval(applicationId, "Second approval: amount checked against the order")));
            case REJECTED -> resubmission(previous);
            case APPROVED -> Optional.of(scenario == RefundScenario.WITHDRAWN && !withdrawBeforeDecision
                    ? customer(previous, hoursAround(10), new WithdrawRefundApplication(applicationId, "客户已与门店协商解决 / settled with the store"))
                    : payout(previous, null));
            case AWAITING_RETURN -> Optional.of(customer(previous, hoursAround(36),
                    new RecordReturnShipment(applicationId, Catalogue.carrier(random), trackingNumber())));
            case RETURN_IN_TRANSIT -> Optional.of(customer(previous, hoursAround(50), new RecordReturnReceipt(applicationId)));
            case RETURN_RECEIVED -> Optional.of(inspected ? afterInspection(previous) : inspection(previous));
            case PAYOUT_IN_PROGRESS -> Optional.of(payoutOutcome(previous));
            case PAYOUT_FAILED -> Optional.of(payout(previous, PayoutMethod.BANK_TRANSFER));
            case PAID, EXCHANGED -> rating(previous);
            case WITHDRAWN -> Optional.empty();
        };
    }

    private Move underReview(Instant previous) {
        if (!assigned) {
            assigned = true;
            // Mostly reviewers take cases from the queue; now and then the admin hands them out.
            Staff assigner = random.nextDouble() < 0.2 ? Staff.ADMIN : reviewer;
            return staff(previous, hoursAround(2), assigner, new AssignRefundApplication(applicationId, reviewer.username()));
        }
        boolean asks = scenario == RefundScenario.INFORMATION_REQUESTED
                || (scenario == RefundScenario.PAID_STRAIGHT && random.nextDouble() < 0.05);
        if (asks && !informationAsked) {
            informationAsked = true;
            return staff(previous, hoursAround(reviewHours), reviewer,
                    new RequestMoreInformation(applicationId, "请提供购买发票和商品照片 / please send the invoice and photos"));
        }
        if (scenario == RefundScenario.WITHDRAWN && withdrawBeforeDecision) {
            return customer(previous, hoursAround(12),
                    new WithdrawRefundApplication(applicationId, "客户不再需要退款 / customer no longer wants the refund"));
        }
        if (scenario == RefundScenario.REJECTED) {
            return staff(previous, hoursAround(reviewHours), reviewer, new RejectRefundApplication(applicationId,
                    refund.usage() == ProductUsage.USED
                            ? "商品已使用，不符合退款政策 / used goods are not refundable under the policy"
                            : "超出30天退款期限 / outside the 30-day refund window"));
        }
        if (scenario == RefundScenario.REJECTED_THEN_RESUBMITTED && !rejectedOnce) {
            rejectedOnce = true;
            return staff(previous, hoursAround(reviewHours), reviewer, new RejectRefundApplication(applicationId,
                    "缺少付款凭证，请补充发票后重新提交 / proof of payment missing: resubmit with the invoice"));
        }
        return staff(previous, hoursAround(reviewHours), reviewer, scenario == RefundScenario.POLICY_EXCEPTION
                ? new ApproveRefundApplication(applicationId, null, "Goodwill refund",
                "长期客户，物流延误导致超期 / long-standing customer; the carrier's delay made the request late")
                : new ApproveRefundApplication(applicationId, null, random.nextDouble() < 0.5 ? "符合退款政策" : null));
    }

    private Optional<Move> resubmission(Instant previous) {
        if (scenario != RefundScenario.REJECTED_THEN_RESUBMITTED || resubmitted || inspected) {
            return Optional.empty();
        }
        resubmitted = true;
        Instant at = hours.next(previous.plus(hoursAround(30)), Staff.AGENT, random);
        // Resubmitted as the policy allows it then: a prorated service is worth a little less every day.
        requested = min(requested, eligible(requested, at));
        return Optional.of(new Move(at, Staff.AGENT, new ResubmitRefundApplication(applicationId, requested, null, null,
                "已补充发票及付款截图 / invoice and payment screenshot added"), customerChannel));
    }

    private Move inspection(Instant previous) {
        inspected = true;
        Money approved = requested;
        Money adjusted = null;
        if (!inspectionPasses && refund.type() == RefundType.RETURN_AND_REFUND && random.nextBoolean()) {
            // Partly damaged by the customer: half is refunded.
            adjusted = new Money(approved.amount().divide(BigDecimal.valueOf(2), approved.amount().scale(),
                    RoundingMode.HALF_EVEN), approved.currency());
        }
        refundableAfterInspection = inspectionPasses ? approved : adjusted;
        return staff(previous, hoursAround(reviewHours), reviewer, new InspectReturn(applicationId,
                inspectionPasses ? InspectionOutcome.PASSED : InspectionOutcome.FAILED,
                inspectionPasses ? "外观完好，配件齐全 / as new, complete" : "有明显使用痕迹 / clear signs of use",
                adjusted));
    }

    private Move afterInspection(Instant previous) {
        if (refund.type() == RefundType.EXCHANGE && inspectionPasses) {
            return customer(previous, hoursAround(20),
                    new RecordReplacementShipment(applicationId, Catalogue.carrier(random), trackingNumber()));
        }
        if (refund.type() == RefundType.RETURN_AND_REFUND && refundableAfterInspection != null
                && refundableAfterInspection.isPositive()) {
            return payout(previous, null);
        }
        return staff(previous, hoursAround(reviewHours), reviewer, new RejectRefundApplication(applicationId,
                "退回商品未通过质检 / the returned goods failed inspection"));
    }

    private Move payout(Instant previous, PayoutMethod method) {
        payoutAttempts++;
        currentPayoutId = new UUID(random.nextLong(), random.nextLong()).toString();
        Duration delay = payoutAttempts > 1 ? hoursAround(20) : hoursAround(8);
        return staff(previous, delay, Staff.FINANCE, new StartPayout(applicationId, currentPayoutId, method));
    }

    private Move payoutOutcome(Instant previous) {
        if (scenario == RefundScenario.PAYOUT_FAILED_THEN_RETRIED && payoutAttempts == 1) {
            return staff(previous, hoursAround(20), Staff.FINANCE, new RecordPayoutFailure(applicationId, currentPayoutId,
                    Catalogue.pick(List.of("收款账户已注销 / account closed", "Bank rejected: account name mismatch",
                            "第三方支付平台超时 / payment platform timed out"), random)));
        }
        PayoutMethod method = payoutAttempts > 1 ? PayoutMethod.BANK_TRANSFER : refund.payoutMethod();
        // Credit cards take days, the account balance minutes (the guides' "3–7 working days" for cards).
        Duration settles = switch (method) {
            case ORIGINAL_PAYMENT -> hoursAround(60);
            case ACCOUNT_BALANCE -> Duration.ofMinutes(5 + random.nextInt(55));
            case THIRD_PARTY -> hoursAround(5);
            case BANK_TRANSFER -> hoursAround(30);
        };
        return staff(previous, settles, Staff.FINANCE, new RecordPayoutSuccess(applicationId, currentPayoutId,
                "TXN-" + Long.toUnsignedString(random.nextLong(), 36).toUpperCase()));
    }

    private Optional<Move> rating(Instant previous) {
        if (!willRate || rated) {
            return Optional.empty();
        }
        rated = true;
        int stars = 5;
        if (payoutAttempts > 1) {
            stars -= 2;
        }
        if (informationAsked || resubmitted) {
            stars -= 1;
        }
        if (Duration.between(submitAt, previous).toDays() > 7) {
            stars -= 1;
        }
        stars = Math.max(1, Math.min(5, stars + random.nextInt(3) - 1));
        String comment = stars >= 4 ? "处理很快，谢谢" : stars <= 2 ? "等待时间太长" : null;
        return Optional.of(customer(previous, hoursAround(30), new RateRefundApplication(applicationId, stars, comment)));
    }

    // ---- the application itself ----

    private RequestedRefund draftRequest(String orderTag, int index) {
        boolean dollars = random.nextDouble() < 0.08;
        String currency = dollars ? "USD" : CNY;
        int units = product.goods() ? Math.max(1, segment.units(random) / 4) : segment.units(random);
        BigDecimal unitPrice = dollars
                ? product.unitPrice().divide(CNY_PER_USD, 2, RoundingMode.HALF_EVEN)
                : product.unitPrice();
        if (scenario == RefundScenario.FOUR_EYES && !dollars) {
            // Well above the second-approval threshold (5,000.00 CNY by default) whatever the product, so that even
            // after prorating and a discount claw-back the refund is above it.
            units = Math.max(units, new BigDecimal("12000").divide(unitPrice, 0, RoundingMode.CEILING).intValue());
        }
        Money paid = new Money(unitPrice.multiply(BigDecimal.valueOf(units)), currency);

        boolean outOfWindow = scenario == RefundScenario.POLICY_EXCEPTION
                || (scenario == RefundScenario.REJECTED && random.nextDouble() < 0.7);
        boolean usedGoods = scenario == RefundScenario.REJECTED && !outOfWindow;
        Product bought = product;
        if (usedGoods && !bought.goods()) {
            outOfWindow = true; // a used service is prorated, not refused: reject it for being late instead
            usedGoods = false;
        }
        // Within the 30-day window with room to spare for a resubmission days later, or clearly outside it.
        int daysAgo = outOfWindow ? 33 + random.nextInt(40)
                : scenario == RefundScenario.REJECTED_THEN_RESUBMITTED ? 1 + random.nextInt(12)
                : bought.prorated() ? 1 + random.nextInt(Math.min(25, bought.periodMonths() * 15))
                : 1 + random.nextInt(20);
        Instant purchasedAt = submitAt.minus(Duration.ofDays(daysAgo)).minus(Duration.ofMinutes(random.nextInt(600)));
        Instant deliveredAt = null;
        if (bought.goods()) {
            Instant arrived = purchasedAt.plus(Duration.ofHours(20 + random.nextInt(60)));
            Instant latest = submitAt.minus(Duration.ofHours(1));
            deliveredAt = arrived.isBefore(latest) ? arrived : latest;
        }
        ProductUsage usage = usedGoods ? ProductUsage.USED
                : bought.prorated() ? ProductUsage.USED
                : bought.service() ? ProductUsage.NOT_USED
                : random.nextBoolean() ? ProductUsage.NOT_USED : ProductUsage.NOT_STATED;
        Instant periodStart = bought.prorated() ? purchasedAt : null;
        Instant periodEnd = bought.prorated()
                ? purchasedAt.atZone(ZoneId.of("UTC")).plusMonths(bought.periodMonths()).toInstant() : null;
        Money discount = random.nextDouble() < 0.2 ? fraction(paid, 5 + random.nextInt(11)) : null;
        if (discount != null && !discount.isPositive()) {
            discount = null;
        }

        RefundType type = switch (scenario) {
            case RETURN_AND_REFUND -> RefundType.RETURN_AND_REFUND;
            case EXCHANGE -> RefundType.EXCHANGE;
            default -> RefundType.REFUND_ONLY;
        };
        RefundReasonCategory reason = Catalogue.reason(bought, random);
        String orderId = "SO-" + orderTag + "-" + index;
        RequestedRefund draft = new RequestedRefund(segment.customer(random), orderId, type, paid, paid, reason,
                Catalogue.reasonText(reason, random), Catalogue.payoutMethod(currency, random), purchasedAt, deliveredAt,
                usage, periodStart, periodEnd, discount, bought.productId(), segment.name());
        Money asked = paid;
        if (!outOfWindow && !usedGoods) {
            // Customer service asks for what the policy allows (deductions and prorating shown to the customer),
            // and now and then for less.
            asked = eligible(draft.requestedAmount(), draft, submitAt);
            Money part = fraction(asked, 40 + random.nextInt(50));
            if (random.nextDouble() < 0.2 && part.isPositive() && scenario != RefundScenario.FOUR_EYES) {
                asked = part;
            }
        }
        return new RequestedRefund(draft.customerId(), draft.orderId(), draft.type(), paid, asked, reason,
                draft.reasonText(), draft.payoutMethod(), purchasedAt, deliveredAt, usage, periodStart, periodEnd, discount,
                draft.productId(), draft.customerSegment());
    }

    private Money eligible(Money asked, Instant at) {
        return eligible(asked, refund, at);
    }

    private Money eligible(Money asked, RequestedRefund terms, Instant at) {
        PolicyFacts facts = new PolicyFacts(terms.paidAmount(), asked, terms.purchasedAt(), terms.deliveredAt(),
                terms.usage(), terms.servicePeriodStart(), terms.servicePeriodEnd(), terms.discountReceived());
        // Every generated application has an order of its own, so nothing else is reserved on it.
        return policy.evaluate(facts, OrderRefundPosition.none(), at).eligibleAmount();
    }

    private static Money fraction(Money money, int percent) {
        BigDecimal part = money.amount().multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).setScale(money.amount().scale());
        return new Money(part, money.currency());
    }

    private static Money min(Money a, Money b) {
        return b.isPositive() && a.isGreaterThan(b) ? b : a;
    }

    private String trackingNumber() {
        return "SF" + (1_000_000_000L + (long) (random.nextDouble() * 8_999_999_999L));
    }

    // ---- timing ----

    /** Around {@code median} hours, skewed like real waiting times: mostly near it, sometimes several times longer. */
    private Duration hoursAround(double median) {
        // Capped at four times the median: an unbounded tail would push a few cases out of the refund window.
        double hoursTaken = median * Math.min(4, Math.exp(random.nextGaussian() * 0.8));
        return Duration.ofMinutes(Math.max(5, Math.round(hoursTaken * 60)));
    }

    private Move staff(Instant previous, Duration delay, Staff actor, Object command) {
        return new Move(hours.next(previous.plus(delay), actor, random), actor, command, null);
    }

    private Move customer(Instant previous, Duration delay, Object command) {
        return new Move(hours.next(previous.plus(delay), Staff.AGENT, random), Staff.AGENT, command, customerChannel);
    }
}
