package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.events.subscription.SettlementLine;
import io.refundledger.events.subscription.SettlementLineKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How much of a prepaid term a cancellation gives back, line by line. Pure: no Spring, no clock; the
 * effective date is passed in. Its {@link #version()} is recorded with every settlement, so a settlement read
 * years later names the rules it was computed under.
 *
 * <ul>
 *   <li>Days: {@code termDays} from term start to term end (exclusive, leap days count);
 *       {@code usedDays} from term start to the effective date, within [0, termDays]; the rest is unused.</li>
 *   <li>Unused prepaid value: prepaid × unusedDays / termDays, rounded half-even to the currency's minor unit.</li>
 *   <li>Early-termination penalty, only when the effective date lies before the end of the minimum term
 *       (counted from the first term's start): a percentage of the unused value or a fixed amount, then at most
 *       the cap.</li>
 *   <li>Discount claw-back: a discount granted for serving the whole term is taken back in full when any day
 *       of the term is left unused.</li>
 *   <li>The refund is never negative: deductions beyond the unused value are not charged here
 *       (a {@link SettlementLineKind#FLOOR_AT_ZERO} line says by how much).</li>
 * </ul>
 * The signed lines between {@link SettlementLineKind#PREPAID_FOR_TERM} (information) and
 * {@link SettlementLineKind#NET_REFUND} (the total) add up to the net refund.
 */
public final class SettlementPolicy {

    public static final String CURRENT_VERSION = "settlement-2026-11";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final String version;

    public SettlementPolicy() {
        this(CURRENT_VERSION);
    }

    public SettlementPolicy(String version) {
        this.version = Objects.requireNonNull(version, "version");
    }

    public String version() {
        return version;
    }

    /**
     * The first day without service: the day after the request for {@link CancellationEffect#IMMEDIATELY}
     * (the request day counts as used), the term's end for {@link CancellationEffect#END_OF_TERM}.
     *
     * @param requestDay the business day the cancellation is requested on
     */
    public static LocalDate effectiveDate(CancellationEffect effect, LocalDate requestDay, LocalDate termEnd) {
        return switch (effect) {
            case IMMEDIATELY -> requestDay.plusDays(1);
            case END_OF_TERM -> termEnd;
        };
    }

    /** The first day on which ending the contract is no longer early. */
    public static LocalDate minimumTermEnd(SettlementTerms terms) {
        return terms.firstTermStart().plusMonths(terms.contract().minimumTermMonths());
    }

    public Settlement settle(SettlementTerms terms, LocalDate effectiveDate) {
        Money prepaid = terms.prepaidAmount();
        long termDays = ChronoUnit.DAYS.between(terms.termStart(), terms.termEnd());
        if (termDays <= 0) {
            throw new IllegalArgumentException("term must end after it starts: " + terms.termStart() + " – " + terms.termEnd());
        }
        long usedDays = Math.min(Math.max(ChronoUnit.DAYS.between(terms.termStart(), effectiveDate), 0), termDays);
        long unusedDays = termDays - usedDays;
        int scale = prepaid.amount().scale();
        Money unusedValue = new Money(prepaid.amount().multiply(BigDecimal.valueOf(unusedDays))
                .divide(BigDecimal.valueOf(termDays), scale, RoundingMode.HALF_EVEN), prepaid.currency());

        List<SettlementLine> lines = new ArrayList<>();
        lines.add(new SettlementLine(SettlementLineKind.PREPAID_FOR_TERM, prepaid,
                prepaid + " prepaid for " + termDays + " days, " + terms.termStart() + " to " + terms.termEnd().minusDays(1)));
        lines.add(new SettlementLine(SettlementLineKind.UNUSED_PREPAID_VALUE, unusedValue,
                usedDays + " of " + termDays + " days used (service to " + lastDayOfService(effectiveDate, terms) + "): "
                        + prepaid + " × " + unusedDays + " / " + termDays + " unused days = " + unusedValue));
        StringBuilder sum = new StringBuilder(unusedValue.toString());

        Money penalty = penalty(terms, effectiveDate, unusedValue, lines);
        if (penalty.isPositive()) {
            sum.append(" − ").append(penalty).append(" penalty");
        }
        Money clawback = Money.zero(prepaid.currency());
        Money discount = terms.termDiscount();
        if (unusedDays > 0 && discount != null && discount.isPositive()) {
            clawback = discount;
            lines.add(new SettlementLine(SettlementLineKind.DISCOUNT_CLAWBACK, negated(discount),
                    "the discount of " + discount + " assumed the full term to " + terms.termEnd().minusDays(1)
                            + "; " + unusedDays + " days are left unused, so it is clawed back"));
            sum.append(" − ").append(discount).append(" discount claw-back");
        }
        Money beforeFloor = unusedValue.minus(penalty).minus(clawback);
        Money net = beforeFloor;
        if (beforeFloor.amount().signum() < 0) {
            Money lift = negated(beforeFloor);
            net = Money.zero(prepaid.currency());
            lines.add(new SettlementLine(SettlementLineKind.FLOOR_AT_ZERO, lift,
                    "deductions exceed the unused value by " + lift + "; the refund stops at zero"));
            sum.append(" + ").append(lift).append(" not charged");
        }
        lines.add(new SettlementLine(SettlementLineKind.NET_REFUND, net, sum + " = " + net));
        return new Settlement(version, terms.termStart(), terms.termEnd(), effectiveDate, termDays, usedDays, unusedDays,
                prepaid, unusedValue, penalty, clawback, net, List.copyOf(lines));
    }

    /** The penalty after its cap; adds its line when there is one to charge. */
    private static Money penalty(SettlementTerms terms, LocalDate effectiveDate, Money unusedValue,
                                 List<SettlementLine> lines) {
        Money none = Money.zero(unusedValue.currency());
        EarlyTerminationPenalty rule = terms.contract().penalty();
        LocalDate minimumTermEnd = minimumTermEnd(terms);
        if (rule == null || rule.kind() == PenaltyKind.NONE || !effectiveDate.isBefore(minimumTermEnd)) {
            return none;
        }
        Money computed;
        String how;
        if (rule.kind() == PenaltyKind.PERCENT_OF_REMAINING) {
            computed = new Money(unusedValue.amount().multiply(rule.percent())
                    .divide(HUNDRED, unusedValue.amount().scale(), RoundingMode.HALF_EVEN), unusedValue.currency());
            how = rule.percent().stripTrailingZeros().toPlainString() + "% of " + unusedValue + " remaining = " + computed;
        } else {
            computed = rule.fixedAmount();
            how = "fixed penalty " + computed;
        }
        Money charged = computed;
        if (rule.cap() != null) {
            if (computed.isGreaterThan(rule.cap())) {
                charged = rule.cap();
                how += ", capped at " + rule.cap();
            } else {
                how += " (within the cap of " + rule.cap() + ")";
            }
        }
        if (!charged.isPositive()) {
            return none;
        }
        lines.add(new SettlementLine(SettlementLineKind.EARLY_TERMINATION_PENALTY, negated(charged),
                "ends before the " + terms.contract().minimumTermMonths() + "-month minimum term (to "
                        + minimumTermEnd.minusDays(1) + "): " + how));
        return charged;
    }

    /** The day before the effective date, but never later than the term's last day. */
    private static LocalDate lastDayOfService(LocalDate effectiveDate, SettlementTerms terms) {
        return (effectiveDate.isAfter(terms.termEnd()) ? terms.termEnd() : effectiveDate).minusDays(1);
    }

    private static Money negated(Money money) {
        return new Money(money.amount().negate(), money.currency());
    }

    /** A computed settlement; {@link #toEvent} records it. */
    public record Settlement(String policyVersion, LocalDate termStart, LocalDate termEnd, LocalDate effectiveDate,
                             long termDays, long usedDays, long unusedDays, Money prepaidAmount, Money unusedValue,
                             Money penalty, Money discountClawback, Money netRefund, List<SettlementLine> lines) {

        public CancellationSettlementCalculated toEvent(String subscriptionId, String cancellationId, Instant calculatedAt) {
            return new CancellationSettlementCalculated(subscriptionId, cancellationId, policyVersion, termStart, termEnd,
                    effectiveDate, termDays, usedDays, unusedDays, prepaidAmount, unusedValue, penalty, discountClawback,
                    netRefund, lines, calculatedAt);
        }
    }
}
