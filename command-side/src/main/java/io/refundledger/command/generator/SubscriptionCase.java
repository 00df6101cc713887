package io.refundledger.command.generator;

import io.refundledger.events.refund.RefundStatus;
import io.refundledger.command.subscription.CancellationOutcome;
import io.refundledger.command.subscription.ChangeSubscriptionSeats;
import io.refundledger.command.subscription.RenewSubscription;
import io.refundledger.command.subscription.RequestSubscriptionCancellation;
import io.refundledger.command.subscription.RevokeSubscriptionCancellation;
import io.refundledger.command.subscription.StartSubscription;
import io.refundledger.command.subscription.SubscriptionContact;
import io.refundledger.command.subscription.SubscriptionStatus;
import io.refundledger.command.subscription.SwitchAutoRenewal;
import io.refundledger.command.subscription.process.SettlementRefunds;
import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * One generated subscription: started (newly, or a running contract entered into the system at the start of the
 * period), then, by scenario, renewed, changed, cancelled (退订) immediately or at the end of the term, or cancelled
 * and revoked. Customer service sends every command, as the API requires. What follows an accepted cancellation
 * (export, deactivation, termination, opening the linked refund, the purge) is the cancellation process's work, not
 * the generator's; reviewing and paying that refund is staff's again ({@link SettlementRefundSteps}). Its steps are
 * fixed when it is planned; pure, seeded by its own seed.
 */
public final class SubscriptionCase implements GeneratedCase {

    private static final int NOTICE_DAYS = 30;

    private final SubscriptionScenario scenario;
    private final String subscriptionId;
    private final List<Move> steps = new ArrayList<>();
    private final long settlementSeed;
    private final ZoneId businessZone;
    /** The refund of an immediate cancellation's settlement, once one is due. */
    private SettlementRefundSteps settlement;
    private int taken;
    private String state = "NOT_STARTED";

    /**
     * @param startAt  when the subscription is entered into the system
     * @param migrated whether it is a contract that has been running for a while (its term started months ago)
     */
    public SubscriptionCase(SubscriptionScenario scenario, long seed, Instant startAt, boolean migrated, String runTag,
                            int index, ZoneId businessZone) {
        this.scenario = scenario;
        Random random = new Random(seed);
        this.subscriptionId = "SUB-" + runTag + "-" + index;
        WorkingHours hours = new WorkingHours(businessZone);

        Catalogue.Segment segment = random.nextDouble() < 0.5 ? Catalogue.Segment.SMB
                : random.nextDouble() < 0.6 ? Catalogue.Segment.MID_MARKET : Catalogue.Segment.ENTERPRISE;
        Product product = random.nextBoolean() ? Catalogue.PRODUCTS.get(0) : Catalogue.PRODUCTS.get(1);
        int seats = segment.units(random);
        String customerChannel = random.nextDouble() < segment.offlineShare() ? "OFFLINE" : "ONLINE";
        LocalDate today = LocalDate.ofInstant(startAt, businessZone);
        // A refused end-of-term request needs a term ending within the notice period: such contracts are old ones.
        // End-of-term requests otherwise come with the notice to spare (they are asked within about 70 days).
        boolean endOfTerm = scenario == SubscriptionScenario.CANCELLED_AT_END_OF_TERM
                || scenario == SubscriptionScenario.CANCELLATION_REVOKED;
        int ranFor = scenario == SubscriptionScenario.NOTICE_REFUSED_THEN_IMMEDIATE ? 345 + random.nextInt(10)
                : migrated ? 20 + random.nextInt(endOfTerm ? 240 : 300) : 0;
        LocalDate termStart = today.minusDays(ranFor);
        LocalDate termEnd = termStart.plusYears(1);
        Money prepaid = new Money(product.unitPrice().multiply(BigDecimal.valueOf(seats)), "CNY");
        Money discount = random.nextDouble() < 0.4 ? percentOf(prepaid, 5 + random.nextInt(11)) : null;
        EarlyTerminationPenalty penalty = switch (random.nextInt(3)) {
            case 0 -> EarlyTerminationPenalty.none();
            case 1 -> new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING, BigDecimal.valueOf(20), null,
                    percentOf(prepaid, 10));
            default -> new EarlyTerminationPenalty(PenaltyKind.FIXED_AMOUNT, null, Money.of("500.00", "CNY"), null);
        };
        ContractTerms terms = new ContractTerms(random.nextDouble() < 0.6 ? 12 : 0, penalty, NOTICE_DAYS,
                random.nextBoolean() ? 30 : 60);
        String customer = segment.customer(random);
        steps.add(new Move(startAt, Staff.AGENT, new StartSubscription(subscriptionId, customer, segment.name(),
                product.productId() + "-ANNUAL", product.productId(), seats, termStart, termEnd, prepaid, discount, terms,
                random.nextDouble() < 0.7, contact(customer, random)), customerChannel));

        Instant at = startAt;
        if (random.nextDouble() < 0.2) {
            at = hours.next(at.plus(Duration.ofDays(2 + random.nextInt(20))), Staff.AGENT, random);
            // One or two seats more, or (when there are some to spare) fewer.
            int change = seats > 2 && random.nextBoolean() ? -1 - random.nextInt(2) : 1 + random.nextInt(2);
            steps.add(new Move(at, Staff.AGENT, new ChangeSubscriptionSeats(subscriptionId, seats + change), customerChannel));
        }
        Instant cancelAt = hours.next(at.plus(Duration.ofDays(3 + random.nextInt(40))), Staff.AGENT, random);
        switch (scenario) {
            case STAYS_ACTIVE -> {
                if (random.nextDouble() < 0.3) {
                    steps.add(new Move(cancelAt, Staff.AGENT, new SwitchAutoRenewal(subscriptionId, false), customerChannel));
                } else {
                    // Renewed on the term's last day, the earliest the contract allows.
                    Instant lastDay = termEnd.minusDays(1).atTime(LocalTime.of(10, 0)).atZone(businessZone).toInstant();
                    steps.add(new Move(lastDay.isAfter(at) ? lastDay : at.plusSeconds(60), Staff.AGENT,
                            new RenewSubscription(subscriptionId, termEnd.plusYears(1), prepaid, discount), customerChannel));
                }
            }
            case CANCELLED_IMMEDIATELY -> steps.add(cancel(cancelAt, CancellationEffect.IMMEDIATELY, random, customerChannel));
            case CANCELLED_AT_END_OF_TERM -> steps.add(cancel(cancelAt, CancellationEffect.END_OF_TERM, random, customerChannel));
            case CANCELLATION_REVOKED -> {
                steps.add(cancel(cancelAt, CancellationEffect.END_OF_TERM, random, customerChannel));
                steps.add(new Move(hours.next(cancelAt.plus(Duration.ofDays(1 + random.nextInt(6))), Staff.AGENT, random),
                        Staff.AGENT, new RevokeSubscriptionCancellation(subscriptionId,
                        "客户决定继续使用 / the customer decided to stay"), customerChannel));
            }
            case NOTICE_REFUSED_THEN_IMMEDIATE -> {
                Instant askedAt = hours.next(at.plus(Duration.ofHours(2 + random.nextInt(48))), Staff.AGENT, random);
                steps.add(cancel(askedAt, CancellationEffect.END_OF_TERM, random, customerChannel));
                steps.add(cancel(hours.next(askedAt.plus(Duration.ofHours(20 + random.nextInt(48))), Staff.AGENT, random),
                        CancellationEffect.IMMEDIATELY, random, customerChannel));
            }
        }
        this.settlementSeed = random.nextLong();
        this.businessZone = businessZone;
    }

    private Move cancel(Instant at, CancellationEffect effect, Random random, String customerChannel) {
        CancellationReason reason = CancellationReason.values()[Catalogue.weightedIndex(new int[]{30, 18, 10, 20, 15, 7}, random)];
        String text = switch (reason) {
            case NO_LONGER_NEEDED -> "业务调整，不再需要 / business changed, no longer needed";
            case SYSTEM_PERFORMANCE -> "系统经常卡顿 / the system is slow and unstable";
            case CONTRACT_TERMS -> "合同条款不合适 / the contract terms do not suit us";
            case SWITCHED_PROVIDER -> "已更换其他服务商 / moved to another provider";
            case PRICE -> "价格太高 / too expensive";
            case OTHER -> null;
        };
        String cancellationId = UUID.nameUUIDFromBytes((subscriptionId + ":" + steps.size()).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Move(at, Staff.AGENT, new RequestSubscriptionCancellation(subscriptionId, cancellationId, reason, text,
                effect), customerChannel);
    }

    private static SubscriptionContact contact(String customerId, Random random) {
        String[] names = {"张伟", "王芳", "李娜", "刘洋", "陈静", "Alex Chen"};
        String name = names[random.nextInt(names.length)];
        return new SubscriptionContact(name, customerId.toLowerCase() + "@example.invalid",
                "+86 138 " + (1000 + random.nextInt(9000)) + " " + (1000 + random.nextInt(9000)));
    }

    private static Money percentOf(Money money, int percent) {
        return new Money(money.amount().multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN), money.currency());
    }

    public SubscriptionScenario scenario() {
        return scenario;
    }

    @Override
    public String id() {
        return subscriptionId;
    }

    @Override
    public String scenarioName() {
        return "SUBSCRIPTION_" + scenario.name();
    }

    @Override
    public String stateName() {
        return state;
    }

    @Override
    public Move first() {
        return steps.get(0);
    }

    /**
     * Subscription commands answer with the status, a cancellation with its outcome, the settlement refund's steps
     * with the refund's status.
     */
    @Override
    public Optional<Move> next(Instant previous, Object answer) {
        if (answer instanceof RefundStatus refundStatus && settlement != null) {
            state = "SETTLEMENT_REFUND_" + refundStatus.name();
            return settlement.after(previous, refundStatus);
        }
        if (answer instanceof SubscriptionStatus status) {
            state = status.name();
        } else if (answer instanceof CancellationOutcome.Accepted accepted) {
            state = "CANCELLATION_REQUESTED";
            if (accepted.effect() == CancellationEffect.IMMEDIATELY && accepted.settlement().netRefund().isPositive()) {
                settlement = new SettlementRefundSteps(SettlementRefunds.applicationIdFor(accepted.cancellationId()),
                        settlementSeed, businessZone);
            }
        } else if (answer instanceof CancellationOutcome.Refused) {
            state = "CANCELLATION_REFUSED";
        }
        taken++;
        if (taken >= steps.size()) {
            return settlement == null ? Optional.empty() : Optional.of(settlement.first(previous));
        }
        Move next = steps.get(taken);
        // Never before the previous step: the timeline only moves forwards.
        return Optional.of(next.at().isBefore(previous)
                ? new Move(previous, next.actor(), next.command(), next.customerChannel()) : next);
    }
}
