package io.refundledger.query.testing;

import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.ApplicationNumber;
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
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.AutoRenewalSwitchedOn;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.events.subscription.SettlementLine;
import io.refundledger.events.subscription.SettlementLineKind;
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
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * A deterministic generator of realistic refund and subscription histories, written straight into the event
 * store through the real storage engine: the same seed always gives the same events, ids, metadata and order.
 *
 * <p>Each history follows the aggregates' rules step by step ({@code RefundApplication}, {@code OrderRefundLedger},
 * the subscription): the events come in the order and with the content the command side applies them, each
 * aggregate's sequence numbers are dense from 0, and every event carries the metadata a command would have
 * stamped on it ({@code actor}, {@code actorRoles}, {@code channel}, {@code customerChannel}, {@code requestId},
 * {@code policyVersion}, {@code correlationId}). Business timestamps are spread over {@link #days(int)} days,
 * and the histories are interleaved by time, as a real log is.
 *
 * <pre>{@code
 * GeneratedHistory.Counts counts = GeneratedHistory.of(42).applications(8_000).subscriptions(800).appendTo(eventStore);
 * }</pre>
 *
 * <p>Several histories in one database need different seeds: the seed names its ids and application numbers.
 * Application numbers have seven digits or more per day ({@code RF-20261001-4200001}), so they never clash with
 * the six-digit numbers hand-written tests use.
 */
public final class GeneratedHistory {

    public static final String REFUND_AGGREGATE = "RefundApplication";
    public static final String LEDGER_AGGREGATE = "OrderRefundLedger";
    public static final String SUBSCRIPTION_AGGREGATE = "Subscription";
    public static final String POLICY_VERSION = "2026-11";
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    public static final Instant DEFAULT_START = Instant.parse("2026-08-25T01:00:00Z");

    static final String AGENT = "agent";
    static final String REVIEWER = "reviewer";
    static final String REVIEWER2 = "reviewer2";
    static final String FINANCE = "finance";
    static final String ADMIN = "admin";
    static final String SYSTEM = "system";
    private static final Map<String, String> ROLES = Map.of(AGENT, "CUSTOMER_SERVICE", REVIEWER, "REVIEWER",
            REVIEWER2, "REVIEWER", FINANCE, "FINANCE", ADMIN, "ADMIN");

    private static final BigDecimal SECOND_APPROVAL_CNY = new BigDecimal("5000.00");
    private static final BigDecimal SECOND_APPROVAL_USD = new BigDecimal("700.00");
    private static final String[] PRODUCTS = {"CRM-PRO", "CRM-BASIC", "HEADSET-X2", "SCANNER-S1", "ANALYTICS-ADDON",
            "TRAINING-PACK", "PRINTER-P9", "CLOUD-STORAGE-1T", "SMS-BUNDLE", "ONBOARDING-SERVICE"};
    private static final String[] SEGMENTS = {"SMB", "SMB", "SMB", "MID_MARKET", "ENTERPRISE", "CONSUMER"};
    private static final String[] FAILURE_REASONS = {"Bank rejected: account closed", "Card expired",
            "Third-party wallet timeout", "Beneficiary name mismatch", "Daily transfer limit reached"};
    private static final String[] REJECTION_REASONS = {"Outside the 30-day refund window",
            "The product was used beyond the trial", "No proof of purchase provided", "Duplicate of an earlier application"};
    private static final String[] QUESTIONS = {"Please upload the invoice", "Please send photos of the damage",
            "Which order line does this concern?", "Please confirm the bank account for the refund"};
    private static final String[] CARRIERS = {"SF Express", "JD Logistics", "ZTO", "YTO"};

    private final long seed;
    private final String tag;
    private int applicationCount;
    private int subscriptionCount;
    private Instant start = DEFAULT_START;
    private int days = 90;
    private int eventsPerCommit = 64;
    private PersonalDataVault vault;
    private Duration pause = Duration.ZERO;

    private GeneratedHistory(long seed) {
        this.seed = seed;
        this.tag = Long.toString(1 + Math.floorMod(seed, 999L));
    }

    public static GeneratedHistory of(long seed) {
        return new GeneratedHistory(seed);
    }

    public GeneratedHistory applications(int count) {
        this.applicationCount = count;
        return this;
    }

    public GeneratedHistory subscriptions(int count) {
        this.subscriptionCount = count;
        return this;
    }

    /** When the first history starts; histories start spread over the {@link #days(int) period} after it. */
    public GeneratedHistory startingAt(Instant start) {
        this.start = start;
        return this;
    }

    public GeneratedHistory days(int days) {
        this.days = days;
        return this;
    }

    /** How many events go into one commit (one atomic insert); real commands write 1 to 5. */
    public GeneratedHistory eventsPerCommit(int eventsPerCommit) {
        this.eventsPerCommit = eventsPerCommit;
        return this;
    }

    /** Waits this long after each commit: a history that arrives over time, as live traffic does. */
    public GeneratedHistory pauseBetweenCommits(Duration pause) {
        this.pause = pause;
        return this;
    }

    /** Encrypts subscription contacts for real; without a vault the contact is left out (it is optional). */
    public GeneratedHistory contactsEncryptedBy(PersonalDataVault vault) {
        this.vault = vault;
        return this;
    }

    /** What was written. */
    public record Counts(int applications, int subscriptions, int orderLedgers, long events, int commits) {
    }

    /** Writes the history in commits of {@link #eventsPerCommit(int)} events, in time order. */
    public Counts appendTo(EventStore eventStore) {
        List<DomainEventMessage<?>> events = events();
        int commits = 0;
        for (int from = 0; from < events.size(); from += eventsPerCommit) {
            eventStore.publish(events.subList(from, Math.min(events.size(), from + eventsPerCommit)));
            commits++;
            if (!pause.isZero()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while appending", e);
                }
            }
        }
        long ledgers = events.stream().filter(e -> LEDGER_AGGREGATE.equals(e.getType()))
                .map(DomainEventMessage::getAggregateIdentifier).distinct().count();
        return new Counts(applicationCount, subscriptionCount, (int) ledgers, events.size(), commits);
    }

    /** The whole history, in the order it is appended; the same for the same seed and settings. */
    public List<DomainEventMessage<?>> events() {
        Run run = new Run();
        for (int i = 0; i < applicationCount; i++) {
            run.application(i);
        }
        for (int i = 0; i < subscriptionCount; i++) {
            run.subscription(i);
        }
        return run.finish();
    }

    // ------------------------------------------------------------------------------------------------ one run

    /** One event as planned: its payload may depend on the order ledger's state when it is reached in time order. */
    private record Planned(Instant at, long order, String type, String aggregateId, Function<LedgerBook, Object> payload,
                           Map<String, String> metaData) {
    }

    /** Where each order's ledger stands, followed in time order when the history is laid out. */
    private static final class LedgerBook {
        final Map<String, Money> reserved = new HashMap<>();
    }

    private final class Run {

        private final SplittableRandom random = new SplittableRandom(seed);
        private final List<Planned> planned = new ArrayList<>();
        private final Map<LocalDate, Integer> numbersOfDay = new HashMap<>();
        private long order;
        private long ids;
        private long requests;
        /** Orders that already have one application, which a later one may share. */
        private final List<OrderSlot> openOrders = new ArrayList<>();
        private final List<String> customers = new ArrayList<>();

        private record OrderSlot(String orderId, String customerId, Money paid, Money left, Instant purchasedAt,
                                 String productId, String segment) {
        }

        List<DomainEventMessage<?>> finish() {
            List<Planned> timeline = new ArrayList<>(planned);
            timeline.sort(Comparator.comparing(Planned::at).thenComparingLong(Planned::order));
            LedgerBook book = new LedgerBook();
            Map<String, Long> sequences = new HashMap<>();
            List<DomainEventMessage<?>> events = new ArrayList<>(timeline.size());
            long eventNumber = 0;
            for (Planned p : timeline) {
                long sequence = sequences.merge(p.aggregateId(), 1L, Long::sum) - 1;
                Object payload = p.payload().apply(book);
                String id = UUID.nameUUIDFromBytes((seed + "/event/" + eventNumber++).getBytes(StandardCharsets.UTF_8)).toString();
                events.add(new GenericDomainEventMessage<>(p.type(), p.aggregateId(), sequence, payload, p.metaData(), id, p.at()));
            }
            return events;
        }

        // ------------------------------------------------------------------------------------- refund applications

        void application(int index) {
            Instant submittedAt = start.plusSeconds(random.nextLong(Math.max(1, days) * 86_400L));
            OrderSlot slot = orderFor(submittedAt);
            String applicationId = uuid("application");
            Application a = new Application(applicationId, slot, submittedAt);
            a.live();
        }

        private OrderSlot orderFor(Instant submittedAt) {
            // About one application in eight shares its order with an earlier one (partial refunds of one order).
            if (!openOrders.isEmpty() && random.nextInt(8) == 0) {
                OrderSlot shared = openOrders.remove(random.nextInt(openOrders.size()));
                if (shared.left().amount().compareTo(BigDecimal.ONE) > 0) {
                    return shared;
                }
            }
            boolean usd = random.nextInt(10) == 0;
            String currency = usd ? "USD" : "CNY";
            long cents = usd ? 1_000 + random.nextLong(300_000) : 5_000 + skewed(1_500_000);
            Money paid = new Money(BigDecimal.valueOf(cents, 2), currency);
            String customerId = customer();
            Instant purchasedAt = submittedAt.minus(Duration.ofHours(1 + random.nextInt(24 * 40)));
            return new OrderSlot("GSO-" + tag + "-" + (++ids), customerId, paid, paid, purchasedAt,
                    pick(PRODUCTS), pick(SEGMENTS));
        }

        /** Mostly small amounts, some large ones: the second approval and the order cap get exercised. */
        private long skewed(long max) {
            double r = random.nextDouble();
            return (long) (max * r * r * r);
        }

        private String customer() {
            if (!customers.isEmpty() && random.nextInt(4) == 0) {
                return customers.get(random.nextInt(customers.size()));
            }
            String id = "GC-" + tag + "-" + customers.size();
            customers.add(id);
            return id;
        }

        private final class Application {
            final String id;
            final String number;
            final OrderSlot slot;
            final RefundType type;
            final PayoutMethod payoutMethod;
            final String channel;
            final String reviewer;
            Instant now;
            Money requested;
            RefundReasonCategory reason;
            int notifications;
            int payouts;
            boolean secondApproval;
            boolean withinPolicy;
            Money approved;
            Money refundable;
            Money reserved;

            Application(String id, OrderSlot slot, Instant submittedAt) {
                this.id = id;
                this.slot = slot;
                this.now = submittedAt;
                LocalDate day = LocalDate.ofInstant(submittedAt, BUSINESS_ZONE);
                int ofDay = numbersOfDay.merge(day, 1, Integer::sum);
                this.number = ApplicationNumber.dayPrefix(day) + "-" + tag + String.format("%06d", ofDay);
                int t = random.nextInt(10);
                this.type = t < 7 ? RefundType.REFUND_ONLY : t < 9 ? RefundType.RETURN_AND_REFUND : RefundType.EXCHANGE;
                this.payoutMethod = PayoutMethod.values()[random.nextInt(PayoutMethod.values().length)];
                this.channel = random.nextInt(3) == 0 ? "OFFLINE" : "ONLINE";
                this.reviewer = random.nextBoolean() ? REVIEWER : REVIEWER2;
                Money left = slot.left();
                this.requested = random.nextInt(3) == 0 ? part(left) : left;
                this.reason = RefundReasonCategory.values()[random.nextInt(RefundReasonCategory.values().length)];
            }

            void live() {
                submit();
                if (slot.left().isGreaterThan(requested)) {
                    openOrders.add(new OrderSlot(slot.orderId(), slot.customerId(), slot.paid(),
                            slot.left().minus(requested), slot.purchasedAt(), slot.productId(), slot.segment()));
                }
                if (random.nextInt(40) == 0) {
                    return; // still waiting for review at the end of the period
                }
                later(10, 600);
                if (random.nextInt(5) > 0) {
                    assign();
                }
                review(0);
            }

            void submit() {
                Map<String, String> meta = command(AGENT);
                boolean inWindow = Duration.between(slot.purchasedAt(), now).toDays() <= 30;
                ProductUsage usage = random.nextInt(3) == 0 ? ProductUsage.USED : ProductUsage.NOT_USED;
                RefundApplicationSubmitted submitted = new RefundApplicationSubmitted(id, number, slot.customerId(),
                        slot.orderId(), type, slot.paid(), requested, reason, reasonText(reason), payoutMethod,
                        slot.purchasedAt(), now, type == RefundType.REFUND_ONLY ? null : slot.purchasedAt().plus(Duration.ofDays(2)),
                        usage, null, null, null, slot.productId(), slot.segment(), null);
                emit(submitted, meta);
                evaluate(meta, inWindow);
                notifyCustomer("refund-submitted", meta);
            }

            void evaluate(Map<String, String> meta, boolean inWindow) {
                List<RefundDeduction> deductions = new ArrayList<>();
                Money eligible = requested;
                if (random.nextInt(6) == 0) {
                    Money fee = new Money(requested.amount().multiply(new BigDecimal("0.03")).setScale(2, RoundingMode.DOWN),
                            requested.currency());
                    if (fee.isPositive() && requested.isGreaterThan(fee)) {
                        deductions.add(new RefundDeduction("HANDLING_FEE", fee, "3 % handling fee"));
                        eligible = requested.minus(fee);
                    }
                }
                boolean within = inWindow && deductions.isEmpty();
                withinPolicy = within;
                List<PolicyRuleResult> rules = List.of(
                        new PolicyRuleResult("REFUND_WINDOW", inWindow, inWindow ? "within 30 days" : "more than 30 days after purchase"),
                        new PolicyRuleResult("FULL_REFUND", true, "unused"),
                        new PolicyRuleResult("ORDER_CAP", true, "within what was paid"),
                        new PolicyRuleResult("REQUESTED_WITHIN_ELIGIBLE", deductions.isEmpty(), "requested " + requested));
                secondApproval = requested.amount().compareTo(
                        "USD".equals(requested.currency()) ? SECOND_APPROVAL_USD : SECOND_APPROVAL_CNY) > 0;
                emit(new RefundPolicyEvaluated(id, POLICY_VERSION, within, rules, eligible,
                        deductions, secondApproval, now.plus(Duration.ofDays(2)), now), meta);
            }

            void assign() {
                String by = random.nextInt(3) == 0 ? ADMIN : reviewer;
                emit(new RefundApplicationAssigned(id, reviewer, null, now), command(by));
            }

            void review(int round) {
                if (random.nextInt(7) == 0) {
                    later(60, 3_000);
                    Map<String, String> asked = command(reviewer);
                    emit(new MoreInformationRequested(id, pick(QUESTIONS), now), asked);
                    notifyCustomer("information-requested", asked);
                    if (random.nextInt(12) == 0) {
                        return; // the customer never answered
                    }
                    later(120, 4_000);
                    emit(new MoreInformationProvided(id, "Attached as asked",
                            List.of("doc-" + uuid("doc")), now), command(AGENT));
                }
                long reviewMinutes = 30 + random.nextInt(random.nextInt(5) == 0 ? 6_000 : 1_500);
                if (reviewMinutes > 2 * 24 * 60 && random.nextBoolean()) {
                    escalate(DeadlineKind.REVIEW, now.plus(Duration.ofDays(2)));
                }
                later(reviewMinutes);
                if (random.nextInt(30) == 0) {
                    withdraw();
                    return;
                }
                if (random.nextInt(6) == 0) {
                    reject(reviewer);
                    if (round == 0 && random.nextInt(3) > 0) {
                        resubmit();
                        review(1);
                    }
                    return;
                }
                approve();
            }

            void resubmit() {
                later(300, 5_000);
                Map<String, String> meta = command(AGENT);
                requested = random.nextBoolean() ? part(requested) : requested;
                reason = random.nextInt(4) == 0 ? RefundReasonCategory.values()[random.nextInt(RefundReasonCategory.values().length)] : reason;
                emit(new RefundApplicationResubmitted(id, requested, reason, reasonText(reason),
                        "Amended with the invoice attached", now), meta);
                evaluate(meta, true);
            }

            void reject(String by) {
                Map<String, String> meta = command(by);
                emit(new RefundApplicationRejected(id, pick(REJECTION_REASONS), now), meta);
                notifyCustomer("refund-rejected", meta);
            }

            void withdraw() {
                Map<String, String> meta = command(AGENT);
                if (reserved != null && reserved.isPositive()) {
                    release(reserved, meta);
                    reserved = null;
                }
                emit(new RefundApplicationWithdrawn(id, "Customer changed their mind", now), meta);
            }

            void approve() {
                Money amount = requested;
                String justification = null;
                // Outside the policy the aggregate refuses an approval without a written reason.
                if (!withinPolicy || random.nextInt(10) == 0) {
                    justification = "Goodwill for a long-standing customer";
                }
                String firstApprover = null;
                if (secondApproval) {
                    emit(new FirstApprovalGiven(id, amount, "Checked the invoice", justification, now),
                            command(reviewer));
                    later(60, 3_000);
                    if (random.nextInt(12) == 0) {
                        reject(FINANCE);
                        return;
                    }
                    firstApprover = reviewer;
                }
                String approver = secondApproval ? FINANCE : reviewer;
                Map<String, String> meta = command(approver);
                if (type != RefundType.EXCHANGE) {
                    reserve(amount, meta);
                    reserved = amount;
                }
                approved = amount;
                refundable = amount;
                emit(new RefundApplicationApproved(id, amount, "Approved", now, justification,
                        firstApprover), meta);
                if (type != RefundType.REFUND_ONLY) {
                    emit(new ReturnAuthorized(id, "RMA-" + number, "Refund Ledger Returns Centre", now), meta);
                }
                notifyCustomer("refund-approved", meta);
                if (random.nextInt(40) == 0) {
                    later(60, 2_000);
                    withdraw();
                    return;
                }
                if (type == RefundType.REFUND_ONLY) {
                    payOut();
                } else {
                    returnGoods();
                }
            }

            void returnGoods() {
                if (random.nextInt(15) == 0) {
                    return; // the goods never came back within the period
                }
                later(600, 6_000);
                if (random.nextInt(6) > 0) {
                    emit(new ReturnShipped(id, pick(CARRIERS), "TN" + random.nextLong(1_000_000_000L),
                            now), command(AGENT));
                    later(1_000, 5_000);
                }
                emit(new ReturnReceived(id, now), command(AGENT));
                later(60, 2_000);
                boolean passed = random.nextInt(5) > 0;
                Money adjusted = null;
                if (type == RefundType.RETURN_AND_REFUND && (!passed || random.nextInt(8) == 0) && random.nextBoolean()) {
                    adjusted = new Money(approved.amount().multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.DOWN),
                            approved.currency());
                }
                Map<String, String> meta = command(reviewer);
                if (type == RefundType.RETURN_AND_REFUND) {
                    Money left = adjusted != null ? adjusted : passed ? approved : Money.zero(approved.currency());
                    if (reserved.isGreaterThan(left)) {
                        release(reserved.minus(left), meta);
                        reserved = left;
                    }
                    refundable = left;
                }
                emit(new ReturnInspected(id, passed ? InspectionOutcome.PASSED : InspectionOutcome.FAILED,
                        passed ? "As described" : "Scratches on the casing", adjusted, now), meta);
                boolean nothingToRefund = type == RefundType.EXCHANGE ? !passed : !refundable.isPositive();
                if (nothingToRefund) {
                    later(30, 1_000);
                    reject(reviewer);
                    return;
                }
                if (type == RefundType.EXCHANGE) {
                    later(60, 3_000);
                    emit(new ReplacementShipped(id, pick(CARRIERS), "RT" + random.nextLong(1_000_000_000L),
                            now), command(AGENT));
                    rate();
                    return;
                }
                payOut();
            }

            void payOut() {
                if (random.nextInt(12) == 0) {
                    return; // approved, not paid yet: finance's queue
                }
                long wait = 30 + random.nextInt(random.nextInt(4) == 0 ? 6_000 : 1_200);
                if (wait > 3 * 24 * 60 && random.nextBoolean()) {
                    escalate(DeadlineKind.PAYOUT, now.plus(Duration.ofDays(3)));
                }
                later(wait);
                while (true) {
                    payouts++;
                    String payoutId = "PO-" + id.substring(0, 8) + "-" + payouts;
                    PayoutMethod method = payouts > 1 && random.nextInt(3) == 0 ? PayoutMethod.BANK_TRANSFER : payoutMethod;
                    emit(new PayoutStarted(id, payoutId, refundable, method, payouts, now), command(FINANCE));
                    if (random.nextInt(30) == 0) {
                        return; // still in progress
                    }
                    later(10, random.nextInt(5) == 0 ? 4_000 : 400);
                    Map<String, String> meta = command(FINANCE);
                    if (random.nextInt(payouts == 1 ? 8 : 3) == 0) {
                        emit(new PayoutFailed(id, payoutId, pick(FAILURE_REASONS), now), meta);
                        if (payouts >= 3 || random.nextInt(6) == 0) {
                            return; // failed, not retried yet
                        }
                        later(60, 2_000);
                        continue;
                    }
                    emit(new PayoutSucceeded(id, payoutId, refundable, method,
                            "EXT-" + Long.toHexString(random.nextLong()), now), meta);
                    notifyCustomer("refund-paid", meta);
                    rate();
                    return;
                }
            }

            void rate() {
                if (random.nextInt(3) == 0) {
                    return;
                }
                later(60, 10_000);
                int rating = 1 + Math.min(4, random.nextInt(3) + random.nextInt(3) + (random.nextBoolean() ? 1 : 0));
                emit(new SatisfactionRated(id, rating, rating >= 4 ? "Quick and clear" : "Took too long",
                        now), command(AGENT));
            }

            void escalate(DeadlineKind deadline, Instant dueAt) {
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put(MetadataKeys.ACTOR, SYSTEM);
                meta.put(MetadataKeys.CHANNEL, "scheduler");
                meta.put(MetadataKeys.REQUEST_ID, "sla-" + (++requests));
                meta.put("correlationId", uuid("sla"));
                Instant at = dueAt.plusSeconds(60);
                plan(at, REFUND_AGGREGATE, id, new RefundApplicationEscalated(id, deadline, dueAt, at), meta);
            }

            void notifyCustomer(String template, Map<String, String> meta) {
                notifications++;
                emit(new CustomerNotificationRequested(id, id + "-n" + notifications,
                        NotificationChannel.EMAIL, template, slot.customerId(), now), meta);
            }

            void reserve(Money amount, Map<String, String> meta) {
                String orderId = slot.orderId();
                Money paid = slot.paid();
                Instant at = now;
                plan(at, LEDGER_AGGREGATE, "order:" + orderId, book -> {
                    Money total = book.reserved.merge(orderId, amount, Money::plus);
                    return new OrderRefundReserved(orderId, id, amount, paid, total, at);
                }, meta);
            }

            void release(Money amount, Map<String, String> meta) {
                String orderId = slot.orderId();
                Instant at = now;
                plan(at, LEDGER_AGGREGATE, "order:" + orderId, book -> {
                    Money total = book.reserved.merge(orderId, amount, Money::minus);
                    return new OrderRefundReleased(orderId, id, amount, total, at);
                }, meta);
            }

            Map<String, String> command(String actor) {
                Map<String, String> meta = Run.this.command(actor);
                meta.put(MetadataKeys.CUSTOMER_CHANNEL, channel);
                return meta;
            }

            void emit(Object payload, Map<String, String> meta) {
                Run.this.plan(now, REFUND_AGGREGATE, id, payload, meta);
            }

            void later(long minMinutes, long maxMinutes) {
                later(minMinutes + random.nextLong(Math.max(1, maxMinutes - minMinutes)));
            }

            void later(long minutes) {
                now = now.plus(minutes, ChronoUnit.MINUTES).plusSeconds(random.nextInt(60));
            }
        }

        /** A part of {@code of}, at least 1.00. */
        private Money part(Money of) {
            BigDecimal share = BigDecimal.valueOf(30 + random.nextInt(60), 2);
            BigDecimal amount = of.amount().multiply(share).setScale(2, RoundingMode.DOWN).max(BigDecimal.ONE).min(of.amount());
            return new Money(amount, of.currency());
        }

        // ------------------------------------------------------------------------------------------ subscriptions

        void subscription(int index) {
            String subscriptionId = "GS-" + tag + "-" + index;
            String customerId = customer();
            Instant startedAt = start.plusSeconds(random.nextLong(Math.max(1, days / 3) * 86_400L));
            LocalDate termStart = LocalDate.ofInstant(startedAt, BUSINESS_ZONE);
            boolean monthly = random.nextInt(3) == 0;
            LocalDate termEnd = monthly ? termStart.plusMonths(1) : termStart.plusYears(1);
            int seats = 1 + random.nextInt(50);
            Money discount = new Money(random.nextInt(4) == 0 ? BigDecimal.valueOf(seats * 5_000L, 2) : BigDecimal.ZERO.setScale(2), "CNY");
            Money prepaid = new Money(BigDecimal.valueOf(seats * (monthly ? 9_900L : 99_000L), 2), "CNY");
            ContractTerms terms = new ContractTerms(monthly ? 0 : 12,
                    random.nextBoolean() ? new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING, new BigDecimal("20"), null,
                            new Money(new BigDecimal("2000.00"), "CNY")) : EarlyTerminationPenalty.none(),
                    30, 30);
            boolean autoRenewal = random.nextBoolean();
            Subscription s = new Subscription(subscriptionId, customerId, startedAt);
            EncryptedPersonalData contact = vault == null ? null : vault.encrypt("subscription:" + subscriptionId,
                    ("{\"name\":\"Contact " + index + "\",\"email\":\"c" + index + "@example.com\",\"phone\":\"+86-10-5555" + index + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            s.plan(new SubscriptionStarted(subscriptionId, customerId, pick(SEGMENTS), monthly ? "MONTHLY" : "ANNUAL",
                    pick(PRODUCTS), seats, termStart, termEnd, prepaid, discount, terms, autoRenewal, contact, startedAt), AGENT);
            s.live(termStart, termEnd, prepaid, discount, terms, autoRenewal, seats, monthly);
        }

        private final class Subscription {
            final String id;
            final String customerId;
            final String channel;
            Instant now;

            Subscription(String id, String customerId, Instant startedAt) {
                this.id = id;
                this.customerId = customerId;
                this.now = startedAt;
                this.channel = random.nextInt(3) == 0 ? "OFFLINE" : "ONLINE";
            }

            void live(LocalDate termStart, LocalDate termEnd, Money prepaid, Money discount, ContractTerms terms,
                      boolean autoRenewal, int seats, boolean monthly) {
                later(1, 20);
                if (random.nextInt(5) == 0) {
                    int more = seats + 1 + random.nextInt(10);
                    plan(new SubscriptionSeatsChanged(id, seats, more, now), AGENT);
                    seats = more;
                }
                if (random.nextInt(6) == 0) {
                    later(1, 10);
                    if (autoRenewal) {
                        plan(new AutoRenewalSwitchedOff(id, null, now), AGENT);
                    } else {
                        plan(new AutoRenewalSwitchedOn(id, now), AGENT);
                    }
                    autoRenewal = !autoRenewal;
                }
                if (monthly && autoRenewal && random.nextBoolean()) {
                    Instant renewal = termEnd.atStartOfDay(BUSINESS_ZONE).toInstant();
                    if (renewal.isAfter(now)) {
                        now = renewal.plusSeconds(300);
                        LocalDate next = termEnd.plusMonths(1);
                        plan(new SubscriptionRenewed(id, termEnd, termEnd, next, prepaid, discount, now), SYSTEM);
                        termStart = termEnd;
                        termEnd = next;
                    }
                }
                if (random.nextInt(4) == 0) {
                    return; // not cancelled in the period
                }
                long daysLeft = ChronoUnit.DAYS.between(LocalDate.ofInstant(now, BUSINESS_ZONE), termEnd);
                now = now.plus(Duration.ofDays(1 + random.nextLong(Math.max(1, Math.min(daysLeft - 1, days)))))
                        .plusSeconds(random.nextInt(86_400));
                CancellationReason reason = CancellationReason.values()[random.nextInt(CancellationReason.values().length)];
                CancellationEffect effect = random.nextInt(3) == 0 ? CancellationEffect.END_OF_TERM : CancellationEffect.IMMEDIATELY;
                LocalDate today = LocalDate.ofInstant(now, BUSINESS_ZONE);
                if (!today.isBefore(termEnd)) {
                    return;
                }
                if (effect == CancellationEffect.END_OF_TERM && ChronoUnit.DAYS.between(today, termEnd) < terms.noticePeriodDays()) {
                    plan(new SubscriptionCancellationRefused(id, reason, effect, "NOTICE_PERIOD_NOT_MET",
                            "An end-of-term cancellation needs " + terms.noticePeriodDays() + " days' notice; the term ends "
                                    + termEnd, now), AGENT);
                    if (random.nextBoolean()) {
                        return;
                    }
                    later(5, 60);
                    effect = CancellationEffect.IMMEDIATELY;
                }
                String cancellationId = "GCX-" + tag + "-" + id.substring(id.lastIndexOf('-') + 1);
                LocalDate effective = effect == CancellationEffect.IMMEDIATELY ? today.plusDays(1) : termEnd;
                Map<String, String> meta = command(AGENT);
                plan(new SubscriptionCancellationRequested(id, cancellationId, customerId, reason,
                        random.nextBoolean() ? null : "We are consolidating tools", effect, effective, now), meta);
                Money net = settle(cancellationId, termStart, termEnd, effective, prepaid, discount, terms, monthly, meta);
                if (autoRenewal) {
                    plan(new AutoRenewalSwitchedOff(id, cancellationId, now), meta);
                }
                if (random.nextInt(8) == 0) {
                    later(30, 2_000);
                    plan(new SubscriptionCancellationRevoked(id, cancellationId, "Staying after all", now), AGENT);
                    return;
                }
                Instant takesEffect = effective.atStartOfDay(BUSINESS_ZONE).toInstant();
                if (takesEffect.isAfter(start.plus(Duration.ofDays(days)))) {
                    return; // takes effect after the period: nothing more has happened yet
                }
                later(5, 120);
                String exportId = "EXP-" + cancellationId;
                plan(new SubscriptionDataExportRequested(id, cancellationId, exportId, "JSON", now), AGENT);
                later(10, 600);
                plan(new SubscriptionDataExportCompleted(id, exportId, "exports/" + exportId + ".zip",
                        Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()), now), SYSTEM);
                now = now.isAfter(takesEffect) ? now.plusSeconds(60) : takesEffect.plusSeconds(120);
                plan(new SubscriptionAccountsDeactivated(id, cancellationId, seats, now), SYSTEM);
                later(1, 10);
                LocalDate retainedUntil = LocalDate.ofInstant(now, BUSINESS_ZONE).plusDays(terms.dataRetentionDays());
                plan(new SubscriptionTerminated(id, cancellationId, "CNF-" + cancellationId, effective, net, retainedUntil, now), SYSTEM);
                if (net.isPositive()) {
                    refundSettlement(cancellationId, net);
                } else {
                    plan(new SettlementStatusChanged(id, cancellationId, null, SettlementStatus.NOTHING_DUE, null, now), SYSTEM);
                }
                Instant purge = retainedUntil.plusDays(1).atStartOfDay(BUSINESS_ZONE).toInstant().plusSeconds(600);
                if (purge.isBefore(start.plus(Duration.ofDays(days)))) {
                    now = purge.isAfter(now) ? purge : now.plusSeconds(60);
                    plan(new SubscriptionPersonalDataPurged(id, customerId, "subscription:" + id, retainedUntil, now), SYSTEM);
                }
            }

            Money settle(String cancellationId, LocalDate termStart, LocalDate termEnd, LocalDate effective, Money prepaid,
                         Money discount, ContractTerms terms, boolean monthly, Map<String, String> meta) {
                long termDays = ChronoUnit.DAYS.between(termStart, termEnd);
                long usedDays = Math.min(termDays, ChronoUnit.DAYS.between(termStart, effective));
                long unusedDays = termDays - usedDays;
                Money unused = new Money(prepaid.amount().multiply(BigDecimal.valueOf(unusedDays))
                        .divide(BigDecimal.valueOf(termDays), 2, RoundingMode.HALF_EVEN), "CNY");
                boolean early = unusedDays > 0 && ChronoUnit.MONTHS.between(termStart, effective) < terms.minimumTermMonths();
                Money penalty = Money.zero("CNY");
                if (early && terms.penalty().kind() == PenaltyKind.PERCENT_OF_REMAINING) {
                    penalty = new Money(unused.amount().multiply(terms.penalty().percent())
                            .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN), "CNY");
                    if (penalty.isGreaterThan(terms.penalty().cap())) {
                        penalty = terms.penalty().cap();
                    }
                }
                Money clawback = early ? discount : Money.zero("CNY");
                Money beforeFloor = unused.minus(penalty).minus(clawback);
                Money net = beforeFloor.amount().signum() < 0 ? Money.zero("CNY") : beforeFloor;
                List<SettlementLine> lines = new ArrayList<>();
                lines.add(new SettlementLine(SettlementLineKind.PREPAID_FOR_TERM, prepaid, "prepaid for " + termStart + " to " + termEnd));
                lines.add(new SettlementLine(SettlementLineKind.UNUSED_PREPAID_VALUE, unused,
                        prepaid + " × " + unusedDays + " / " + termDays + " days"));
                if (penalty.isPositive()) {
                    lines.add(new SettlementLine(SettlementLineKind.EARLY_TERMINATION_PENALTY, zero(penalty).minus(penalty),
                            "20 % of the remaining value, at most " + terms.penalty().cap()));
                }
                if (clawback.isPositive()) {
                    lines.add(new SettlementLine(SettlementLineKind.DISCOUNT_CLAWBACK, zero(clawback).minus(clawback),
                            "discount granted for the full term"));
                }
                if (beforeFloor.amount().signum() < 0) {
                    lines.add(new SettlementLine(SettlementLineKind.FLOOR_AT_ZERO, zero(beforeFloor).minus(beforeFloor),
                            "deductions beyond the refundable value are not charged"));
                }
                lines.add(new SettlementLine(SettlementLineKind.NET_REFUND, net, "refund"));
                plan(new CancellationSettlementCalculated(id, cancellationId, "settlement-2026-11", termStart, termEnd, effective,
                        termDays, usedDays, unusedDays, prepaid, unused, penalty, clawback, net, lines, now), meta);
                return net;
            }

            /** The process manager opens a refund application for the net refund; finance pays it like any other. */
            void refundSettlement(String cancellationId, Money net) {
                later(1, 5);
                String applicationId = uuid("settlement-application");
                LocalDate day = LocalDate.ofInstant(now, BUSINESS_ZONE);
                int ofDay = numbersOfDay.merge(day, 1, Integer::sum);
                String number = ApplicationNumber.dayPrefix(day) + "-" + tag + String.format("%06d", ofDay);
                Map<String, String> byProcess = new LinkedHashMap<>();
                byProcess.put(MetadataKeys.ACTOR, SYSTEM);
                byProcess.put(MetadataKeys.CHANNEL, "process-manager");
                byProcess.put(MetadataKeys.REQUEST_ID, "pm-" + (++requests));
                byProcess.put(MetadataKeys.POLICY_VERSION, POLICY_VERSION);
                byProcess.put("correlationId", uuid("correlation"));
                Instant submittedAt = now;
                String orderId = "SUB-" + id;
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new RefundApplicationSubmitted(applicationId, number, customerId, orderId,
                        RefundType.REFUND_ONLY, net, net, RefundReasonCategory.OTHER, "Subscription cancellation settlement",
                        PayoutMethod.ORIGINAL_PAYMENT, submittedAt, submittedAt, null, ProductUsage.NOT_STATED, null, null,
                        null, null, null, id), byProcess);
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new RefundPolicyEvaluated(applicationId, POLICY_VERSION, true,
                        List.of(new PolicyRuleResult("REFUND_WINDOW", true, "settlement")), net, List.of(),
                        false, submittedAt.plus(Duration.ofDays(2)), submittedAt), byProcess);
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new CustomerNotificationRequested(applicationId, applicationId + "-n1",
                        NotificationChannel.EMAIL, "refund-submitted", customerId, submittedAt), byProcess);
                plan(new SettlementRefundRequested(id, cancellationId, applicationId, number, net, now), byProcess);
                if (random.nextInt(10) == 0) {
                    return;
                }
                later(60, 2_000);
                Map<String, String> approval = command(REVIEWER);
                Instant approvedAt = now;
                Run.this.plan(approvedAt, LEDGER_AGGREGATE, "order:" + orderId, book -> {
                    Money total = book.reserved.merge(orderId, net, Money::plus);
                    return new OrderRefundReserved(orderId, applicationId, net, net, total, approvedAt);
                }, approval);
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new RefundApplicationApproved(applicationId, net, "Settlement", now, null, null),
                        approval);
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new CustomerNotificationRequested(applicationId, applicationId + "-n2",
                        NotificationChannel.EMAIL, "refund-approved", customerId, now), approval);
                plan(new SettlementStatusChanged(id, cancellationId, applicationId, SettlementStatus.REFUND_APPROVED, net, now),
                        byProcess);
                if (random.nextInt(8) == 0) {
                    return;
                }
                later(60, 2_000);
                String payoutId = "PO-" + applicationId.substring(0, 8) + "-1";
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new PayoutStarted(applicationId, payoutId, net, PayoutMethod.ORIGINAL_PAYMENT, 1,
                        now), command(FINANCE));
                later(10, 300);
                Map<String, String> paid = command(FINANCE);
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new PayoutSucceeded(applicationId, payoutId, net, PayoutMethod.ORIGINAL_PAYMENT,
                        "EXT-" + Long.toHexString(random.nextLong()), now), paid);
                Run.this.plan(now, REFUND_AGGREGATE, applicationId, new CustomerNotificationRequested(applicationId, applicationId + "-n3",
                        NotificationChannel.EMAIL, "refund-paid", customerId, now), paid);
                plan(new SettlementStatusChanged(id, cancellationId, applicationId, SettlementStatus.REFUND_PAID, net, now),
                        byProcess);
            }

            void plan(Object payload, String actor) {
                plan(payload, command(actor));
            }

            void plan(Object payload, Map<String, String> meta) {
                Run.this.plan(now, SUBSCRIPTION_AGGREGATE, id, b -> payload, meta);
            }

            Map<String, String> command(String actor) {
                Map<String, String> meta = Run.this.command(actor);
                if (!SYSTEM.equals(actor)) {
                    meta.put(MetadataKeys.CUSTOMER_CHANNEL, channel);
                } else {
                    meta.put(MetadataKeys.CHANNEL, "process-manager");
                }
                return meta;
            }

            void later(long minMinutes, long maxMinutes) {
                now = now.plus(minMinutes + random.nextLong(Math.max(1, maxMinutes - minMinutes)), ChronoUnit.MINUTES);
            }
        }

        private Money zero(Money like) {
            return Money.zero(like.currency());
        }

        // ------------------------------------------------------------------------------------------------ helpers

        /** Metadata a command over HTTP carries, copied into each of its events. */
        Map<String, String> command(String actor) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put(MetadataKeys.ACTOR, actor);
            String roles = ROLES.get(actor);
            if (roles != null) {
                meta.put(MetadataKeys.ACTOR_ROLES, roles);
            }
            meta.put(MetadataKeys.REQUEST_ID, "gen-" + tag + "-" + (++requests));
            meta.put(MetadataKeys.CHANNEL, "http");
            meta.put(MetadataKeys.POLICY_VERSION, POLICY_VERSION);
            meta.put("correlationId", uuid("correlation"));
            return meta;
        }

        void plan(Instant at, String type, String aggregateId, Object payload, Map<String, String> meta) {
            Object fixed = payload;
            plan(at, type, aggregateId, b -> fixed, meta);
        }

        void plan(Instant at, String type, String aggregateId, Function<LedgerBook, Object> payload, Map<String, String> meta) {
            planned.add(new Planned(at, order++, type, aggregateId, payload, Map.copyOf(meta)));
        }

        private String uuid(String kind) {
            return UUID.nameUUIDFromBytes((seed + "/" + kind + "/" + (++ids)).getBytes(StandardCharsets.UTF_8)).toString();
        }

        private <T> T pick(T[] options) {
            return options[random.nextInt(options.length)];
        }

        private String reasonText(RefundReasonCategory reason) {
            return switch (reason) {
                case PRODUCT_QUALITY -> "Stopped working after a week";
                case WRONG_ITEM -> "Received a different model";
                case DAMAGED_IN_TRANSIT -> "Box crushed on arrival";
                case NOT_AS_DESCRIBED -> "Features missing from the description";
                case SERVICE_NOT_AS_EXPECTED -> "Support did not respond";
                case TECHNICAL_PROBLEMS -> "Keeps crashing on login";
                case TOO_HARD_TO_USE -> "Team could not get used to it";
                case BUSINESS_CHANGE -> "Project cancelled";
                case PRICE_CHANGE -> "Price dropped a week later";
                case DUPLICATE_CHARGE -> "Charged twice";
                case OTHER -> null;
            };
        }
    }
}
