package io.refundledger.command.refund;

import io.refundledger.command.order.OrderRefundPosition;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundDeduction;
import io.refundledger.infrastructure.errors.DomainException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The refund policy (退款政策): which applications are within policy, how much is refundable and why, and
 * what review they need. Pure: no Spring, no I/O; "now" and the order's ledger position are passed in.
 *
 * <p>Rules, each recorded as a {@link PolicyRuleResult}:
 * <ul>
 *   <li>{@value #REFUND_WINDOW}: calendar days in the business zone from purchase (or delivery, when so
 *       configured and known) to the request; day {@code windowDays} is inside, the day after is not.</li>
 *   <li>{@value #FULL_REFUND} for unused (or not stated) usage, {@value #PRORATED} for a used service with a
 *       service period, {@value #USED_GOODS_NOT_REFUNDABLE} (failed) for used goods.</li>
 *   <li>{@value #ORDER_CAP}: the request fits in what the order has left after earlier reservations.</li>
 *   <li>{@value #REQUESTED_WITHIN_ELIGIBLE}: the request is at most the eligible amount.</li>
 * </ul>
 * Deductions, in this order, each never taking more than is left (so the eligible amount never goes
 * negative): {@code USED_SERVICE} or {@code USED_GOODS}, {@code DISCOUNT_CLAWBACK}, {@code HANDLING_FEE},
 * {@code ORDER_CAP}.
 *
 * <p>Prorating: the unused value is {@code paid × unusedDays / periodDays}, rounded HALF_EVEN to the
 * currency's minor unit; days are calendar days in the business zone, the period's end is exclusive, and
 * the current day counts as not yet used (in the customer's favour).
 *
 * <p>Settled by contract: an application that settles a subscription cancellation ({@code subscriptionId} set)
 * asks for an amount the contract's settlement already decided, prorating and clawing back discounts under the
 * contract terms. This policy must not judge it again like a purchase: {@link #evaluateContractSettlement} records
 * {@value #REFUND_WINDOW} as passed and not applicable and {@value #SETTLED_BY_CONTRACT} instead of the usage
 * rules, takes the requested (settled) amount as eligible without deductions or fees, and still applies
 * {@value #ORDER_CAP}, {@value #REQUESTED_WITHIN_ELIGIBLE} and the second-approval threshold. Review, four-eyes and
 * payout are the normal ones.
 *
 * <p>Second approval: when the amount, or the order's running total (already reserved plus this amount),
 * is above the threshold. Running totals stop splitting a large refund into applications below it: the
 * one that crosses the threshold needs the second approval. An amount in another currency than the
 * threshold cannot be compared and always needs it.
 */
public final class RefundPolicy {

    public static final String REFUND_WINDOW = "REFUND_WINDOW";
    public static final String FULL_REFUND = "FULL_REFUND";
    public static final String PRORATED = "PRORATED";
    public static final String USED_GOODS_NOT_REFUNDABLE = "USED_GOODS_NOT_REFUNDABLE";
    public static final String ORDER_CAP = "ORDER_CAP";
    public static final String REQUESTED_WITHIN_ELIGIBLE = "REQUESTED_WITHIN_ELIGIBLE";
    public static final String SETTLED_BY_CONTRACT = "SETTLED_BY_CONTRACT";

    public static final String USED_SERVICE = "USED_SERVICE";
    public static final String USED_GOODS = "USED_GOODS";
    public static final String DISCOUNT_CLAWBACK = "DISCOUNT_CLAWBACK";
    public static final String HANDLING_FEE = "HANDLING_FEE";

    private final RefundPolicySettings settings;

    public RefundPolicy(RefundPolicySettings settings) {
        this.settings = settings;
    }

    public String version() {
        return settings.version();
    }

    public String returnAddress() {
        return settings.returnAddress();
    }

    public NotificationChannel notificationChannel() {
        return settings.notificationChannel();
    }

    public Instant payoutDueBy(Instant approvedAt) {
        return approvedAt.plus(settings.payoutDeadline());
    }

    /**
     * Applies the policy to an application.
     *
     * @param order the order's ledger as it stands (what earlier applications have reserved)
     * @throws DomainException {@code CURRENCY_MISMATCH} (422) when amounts of the application or the order's
     *                         ledger are in different currencies: nothing meaningful can be computed then
     */
    public PolicyEvaluation evaluate(PolicyFacts facts, OrderRefundPosition order, Instant now) {
        Money paid = facts.paidAmount();
        Money requested = facts.requestedAmount();
        requireCurrency(requested, paid, "requestedAmount.currency");
        if (facts.discountReceived() != null) {
            requireCurrency(facts.discountReceived(), paid, "discountReceived.currency");
        }
        if (order.exists()) {
            requireCurrency(order.paidAmount(), paid, "paidAmount.currency");
        }

        List<PolicyRuleResult> rules = new ArrayList<>();
        List<RefundDeduction> deductions = new ArrayList<>();
        rules.add(window(facts, now));

        Money eligible = usageValue(facts, now, rules, deductions);
        if (facts.discountReceived() != null && facts.discountReceived().isPositive()) {
            Money clawback = atMost(facts.discountReceived(), eligible);
            eligible = deduct(eligible, clawback, DISCOUNT_CLAWBACK,
                    "discount of " + facts.discountReceived() + " received with the purchase", deductions);
        }
        Money fee = settings.handlingFees().get(paid.currency());
        if (fee != null && fee.isPositive()) {
            eligible = deduct(eligible, atMost(fee, eligible), HANDLING_FEE,
                    "handling fee of " + fee + " under policy " + settings.version(), deductions);
        }

        return capped(facts, eligible, order, now, rules, deductions);
    }

    /**
     * Applies the policy to an application that settles a subscription cancellation: the amount was decided by
     * the contract's settlement, so it is eligible as requested; the window and the usage rules do not apply.
     *
     * @param subscriptionId the subscription whose cancellation settlement the application pays out
     * @throws DomainException {@code CURRENCY_MISMATCH} (422), as {@link #evaluate}
     */
    public PolicyEvaluation evaluateContractSettlement(PolicyFacts facts, String subscriptionId, OrderRefundPosition order,
                                                       Instant now) {
        Money paid = facts.paidAmount();
        requireCurrency(facts.requestedAmount(), paid, "requestedAmount.currency");
        if (order.exists()) {
            requireCurrency(order.paidAmount(), paid, "paidAmount.currency");
        }
        List<PolicyRuleResult> rules = new ArrayList<>();
        rules.add(new PolicyRuleResult(REFUND_WINDOW, true, "not applicable: settled by contract under subscription "
                + subscriptionId + "; the cancellation settlement decided the amount"));
        rules.add(new PolicyRuleResult(SETTLED_BY_CONTRACT, true, "the settlement of subscription " + subscriptionId
                + " under its contract terms decided " + facts.requestedAmount() + " (unused value, penalty and discount "
                + "claw-back are its lines); no window, proration, claw-back or fee of this policy applies"));
        return capped(facts, facts.requestedAmount(), order, now, rules, new ArrayList<>());
    }

    /** The order cap, the request against the eligible amount, and the review the application needs. */
    private PolicyEvaluation capped(PolicyFacts facts, Money eligibleBeforeCap, OrderRefundPosition order, Instant now,
                                    List<PolicyRuleResult> rules, List<RefundDeduction> deductions) {
        Money paid = facts.paidAmount();
        Money requested = facts.requestedAmount();
        Money eligible = eligibleBeforeCap;
        // The cap is counted against the paid amount the order's ledger was opened with, when there is one.
        Money orderPaid = order.exists() ? order.paidAmount() : paid;
        Money reserved = order.reservedOr(paid.currency());
        Money leftOnOrder = orderPaid.isGreaterThan(reserved) ? orderPaid.minus(reserved) : Money.zero(paid.currency());
        if (eligible.isGreaterThan(leftOnOrder)) {
            eligible = deduct(eligible, eligible.minus(leftOnOrder), ORDER_CAP,
                    reserved + " of the order's " + orderPaid + " is already reserved for other applications",
                    deductions);
        }
        rules.add(new PolicyRuleResult(ORDER_CAP, !requested.isGreaterThan(leftOnOrder),
                "requested " + requested + "; " + leftOnOrder + " of the order's " + orderPaid + " is left to refund ("
                        + reserved + " reserved)"));
        rules.add(new PolicyRuleResult(REQUESTED_WITHIN_ELIGIBLE, !requested.isGreaterThan(eligible),
                "requested " + requested + ", eligible " + eligible));

        boolean withinPolicy = rules.stream().allMatch(PolicyRuleResult::passed);
        return new PolicyEvaluation(settings.version(), withinPolicy, rules, eligible, deductions,
                requiresSecondApproval(requested, reserved), now.plus(settings.reviewDeadline()));
    }

    /**
     * Whether an amount needs finance's second approval, given what the order already has reserved.
     */
    public boolean requiresSecondApproval(Money amount, Money reservedForOrder) {
        Money threshold = settings.secondApprovalThreshold();
        if (!amount.sameCurrencyAs(threshold)) {
            return true;
        }
        Money runningTotal = reservedForOrder != null && reservedForOrder.sameCurrencyAs(amount)
                ? reservedForOrder.plus(amount) : amount;
        return amount.isGreaterThan(threshold) || runningTotal.isGreaterThan(threshold);
    }

    private PolicyRuleResult window(PolicyFacts facts, Instant now) {
        boolean fromDelivery = settings.windowStartsAt() == RefundPolicySettings.WindowStart.DELIVERY
                && facts.deliveredAt() != null;
        Instant start = fromDelivery ? facts.deliveredAt() : facts.purchasedAt();
        LocalDate startDay = LocalDate.ofInstant(start, settings.businessZone());
        LocalDate today = LocalDate.ofInstant(now, settings.businessZone());
        long day = ChronoUnit.DAYS.between(startDay, today);
        boolean passed = day <= settings.windowDays();
        String counted = fromDelivery ? "delivery" : "purchase";
        if (settings.windowStartsAt() == RefundPolicySettings.WindowStart.DELIVERY && !fromDelivery) {
            counted += " (delivery not stated)";
        }
        return new PolicyRuleResult(REFUND_WINDOW, passed,
                "day " + day + " of " + settings.windowDays() + " counted from " + counted + " on " + startDay
                        + " (" + settings.businessZone() + ")");
    }

    /** The value refundable before discounts and fees, recording the usage rule and its deduction. */
    private Money usageValue(PolicyFacts facts, Instant now, List<PolicyRuleResult> rules,
                             List<RefundDeduction> deductions) {
        Money paid = facts.paidAmount();
        if (facts.usage() != ProductUsage.USED) {
            rules.add(new PolicyRuleResult(FULL_REFUND, true, facts.usage() == ProductUsage.NOT_USED
                    ? "not used: the full paid amount is refundable"
                    : "usage not stated: the full paid amount is refundable; the reviewer should confirm"));
            return paid;
        }
        if (!facts.hasServicePeriod()) {
            rules.add(new PolicyRuleResult(USED_GOODS_NOT_REFUNDABLE, false,
                    "used goods (no service period to prorate) are not refundable under the policy"));
            return deduct(paid, paid, USED_GOODS, "used goods are not refundable", deductions);
        }
        LocalDate first = LocalDate.ofInstant(facts.servicePeriodStart(), settings.businessZone());
        LocalDate end = LocalDate.ofInstant(facts.servicePeriodEnd(), settings.businessZone());
        LocalDate today = LocalDate.ofInstant(now, settings.businessZone());
        long periodDays = Math.max(ChronoUnit.DAYS.between(first, end), 1);
        long usedDays = Math.min(Math.max(ChronoUnit.DAYS.between(first, today), 0), periodDays);
        long unusedDays = periodDays - usedDays;
        BigDecimal unusedValue = paid.amount().multiply(BigDecimal.valueOf(unusedDays))
                .divide(BigDecimal.valueOf(periodDays), paid.amount().scale(), RoundingMode.HALF_EVEN);
        Money unused = new Money(unusedValue, paid.currency());
        String usedText = usedDays + " of " + periodDays + " days used";
        rules.add(new PolicyRuleResult(PRORATED, true,
                usedText + ": the unused share " + unusedDays + "/" + periodDays + " of " + paid + " is refundable"));
        return deduct(paid, paid.minus(unused), USED_SERVICE, usedText, deductions);
    }

    private static Money deduct(Money from, Money amount, String kind, String explanation,
                                List<RefundDeduction> deductions) {
        if (!amount.isPositive()) {
            return from;
        }
        deductions.add(new RefundDeduction(kind, amount, explanation));
        return from.minus(amount);
    }

    private static Money atMost(Money amount, Money limit) {
        return amount.isGreaterThan(limit) ? limit : amount;
    }

    private static void requireCurrency(Money amount, Money paid, String field) {
        if (!amount.sameCurrencyAs(paid)) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", field,
                    "The order was paid in " + paid.currency() + ", not " + amount.currency());
        }
    }
}
