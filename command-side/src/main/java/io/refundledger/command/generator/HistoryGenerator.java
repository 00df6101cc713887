package io.refundledger.command.generator;

import io.refundledger.command.refund.ApplicationNumberIssuer;
import io.refundledger.command.refund.RefundPolicy;
import io.refundledger.command.sla.SlaEscalator;
import io.refundledger.command.subscription.process.CancellationProcessRunner;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.infrastructure.errors.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes realistic histories through the real command handlers: every case (refund application, subscription) is a
 * sequence of commands sent through the {@link CommandGateway} as the staff member who would send it, with the same
 * metadata the HTTP layer puts on (actor, roles, request id, channel {@value #CHANNEL}, the customer's channel).
 * All cases run on one timeline in time order: before each step the {@link SimulatedClock} is moved to its time, so
 * the aggregates, the number issuer and the event store record the times the history would have had, and the log
 * stays in time order. Every few simulated hours the SLA monitor and the cancellation process run, as their schedulers
 * would have: the escalations, exports, deactivations, terminations and settlement refunds they cause happen at
 * simulated times too.
 *
 * <p>A command that fails is recorded in the report with its code and ends its case: a generated history never
 * papers over a refusal.
 */
public class HistoryGenerator {

    /** The {@code channel} metadata of generated commands, so generated histories can always be told apart. */
    public static final String CHANNEL = "generator";
    private static final Logger log = LoggerFactory.getLogger(HistoryGenerator.class);
    private static final Duration CATCH_UP_AT_END = Duration.ofMinutes(2);
    private static final Duration PROCESS_CATCH_UP = Duration.ofSeconds(30);
    private static final int MAX_RUNS_PER_SWEEP = 50;
    /** New applications grow by this share over the period, so trend charts have a trend. */
    private static final double GROWTH = 0.6;

    private final CommandGateway commands;
    private final ApplicationNumberIssuer numbers;
    private final SimulatedClock clock;
    private final RefundPolicy policy;
    private final ZoneId businessZone;
    private final SlaEscalator escalator;
    private final CancellationProcessRunner cancellations;
    private final ProcessorCatchUp catchUp;
    private final SubscriptionCases subscriptionCases;

    public HistoryGenerator(CommandGateway commands, ApplicationNumberIssuer numbers, SimulatedClock clock,
                            RefundPolicy policy, ZoneId businessZone, SlaEscalator escalator,
                            CancellationProcessRunner cancellations, ProcessorCatchUp catchUp,
                            SubscriptionCases subscriptionCases) {
        this.commands = commands;
        this.numbers = numbers;
        this.clock = clock;
        this.policy = policy;
        this.businessZone = businessZone;
        this.escalator = escalator;
        this.cancellations = cancellations;
        this.catchUp = catchUp;
        this.subscriptionCases = subscriptionCases;
    }

    public GenerationReport generate(GenerationPlan plan) {
        long started = System.nanoTime();
        clock.advanceTo(plan.from());
        if (clock.instant().isAfter(plan.from())) {
            throw new IllegalStateException("The simulated clock is at " + clock.instant() + ", after the plan's start "
                    + plan.from() + ": a history can only be written forwards");
        }
        // Axon stamps each event message with its own static clock; the audit trail shows that time, so it must be
        // the simulated one while generating.
        Clock eventClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        try {
            return run(plan, started);
        } finally {
            GenericEventMessage.clock = eventClock;
        }
    }

    private GenerationReport run(GenerationPlan plan, long started) {
        String runTag = runTag(plan);
        List<GeneratedCase> cases = plannedCases(plan, runTag);
        PriorityQueue<Pending> timeline = new PriorityQueue<>();
        AtomicLong order = new AtomicLong();
        for (GeneratedCase generated : cases) {
            timeline.add(new Pending(generated.first(), order.incrementAndGet(), generated));
        }
        Map<String, Integer> sent = new HashMap<>();
        List<GenerationReport.FailedCommand> failures = new ArrayList<>();
        Map<String, Boolean> ended = new HashMap<>();
        int escalations = 0;
        Instant nextSweep = plan.from().plus(plan.escalationSweep());
        long requests = 0;

        while (!timeline.isEmpty() && !timeline.peek().move().at().isAfter(plan.to())) {
            Pending step = timeline.poll();
            while (!nextSweep.isAfter(step.move().at())) {
                escalations += sweep(nextSweep);
                nextSweep = nextSweep.plus(plan.escalationSweep());
            }
            clock.advanceTo(step.move().at());
            Move move = step.move();
            try {
                Object answer = commands.sendAndWait(command(move), metaData(move, runTag + "-" + (++requests)));
                sent.merge(move.commandName(), 1, Integer::sum);
                step.generated().next(move.at(), answer).ifPresentOrElse(
                        next -> timeline.add(new Pending(next, order.incrementAndGet(), step.generated())),
                        () -> ended.put(step.generated().id(), true));
            } catch (AggregateNotFoundException notYet) {
                // A step on an application the cancellation process has not opened yet. The process acts on what its
                // processor has recorded, which may trail the simulated clock: let it catch up and take the steps
                // due by now, then try again (a day later, as a reviewer would look again).
                if (move.patience() > 0) {
                    letTheCancellationProcessCatchUp();
                }
                if (move.patience() > 0 && !move.aDayLater().at().isAfter(plan.to())) {
                    timeline.add(new Pending(move.aDayLater(), order.incrementAndGet(), step.generated()));
                } else if (move.patience() == 0) {
                    failures.add(failure(step, notYet));
                    ended.put(step.generated().id(), true);
                }
            } catch (RuntimeException e) {
                failures.add(failure(step, e));
                ended.put(step.generated().id(), true);
                log.warn("Generated {} for {} {} failed: {}", move.commandName(), step.generated().scenarioName(),
                        step.generated().id(), e.toString());
            }
        }
        clock.advanceTo(plan.to());
        escalations += sweep(plan.to());
        letTheCancellationProcessCatchUp(); // the steps its processor had not recorded in time for the last sweep
        boolean caughtUp = catchUp.awaitAll(CATCH_UP_AT_END);
        List<GenerationReport.CaseOutcome> outcomes = cases.stream()
                .map(c -> new GenerationReport.CaseOutcome(c.id(), c.scenarioName(), c.stateName(),
                        ended.containsKey(c.id())))
                .toList();
        return new GenerationReport(plan.from(), plan.to(), outcomes, sent, failures, escalations, caughtUp,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private List<GeneratedCase> plannedCases(GenerationPlan plan, String runTag) {
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        Random times = new Random(plan.seed());
        WorkingHours customers = new WorkingHours(businessZone);
        List<GeneratedCase> cases = new ArrayList<>();
        List<RefundScenario> scenarios = ScenarioMix.plan(plan.applications(), plan.seed());
        for (int i = 0; i < scenarios.size(); i++) {
            Instant submitAt = customers.next(growingTowardsTheEnd(plan, times), Staff.AGENT, times);
            cases.add(new RefundCase(scenarios.get(i), seeds.nextLong(), submitAt, runTag, i + 1, policy, businessZone));
        }
        cases.addAll(subscriptionCases.plan(plan, runTag, seeds.split()));
        return cases;
    }

    /** A moment of the period, more likely towards its end (density rising linearly by {@link #GROWTH}). */
    private static Instant growingTowardsTheEnd(GenerationPlan plan, Random random) {
        double u = random.nextDouble();
        double share = (-1 + Math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2))) / GROWTH;
        long span = Duration.between(plan.from(), plan.to()).toSeconds();
        return plan.from().plusSeconds((long) (share * span));
    }

    /**
     * What the schedulers would have done at {@code at}: escalate every deadline then overdue, and take every
     * cancellation step then due. Neither waits for its processor: a deadline or process step recorded moments ago
     * is not due for hours, and acting on one already dealt with is harmless (the application ignores an escalation
     * that no longer applies; the process sends each step once and then waits for its event, until the next sweep).
     *
     * @return how many escalations were sent
     */
    private int sweep(Instant at) {
        clock.advanceTo(at);
        int escalated = 0;
        for (int run = 0; run < MAX_RUNS_PER_SWEEP; run++) {
            int now = escalator.escalateOverdue();
            escalated += now;
            if (now == 0) {
                break;
            }
        }
        for (int run = 0; run < MAX_RUNS_PER_SWEEP && cancellations.runDue() > 0; run++) {
            // another batch may be due
        }
        return escalated;
    }

    /** Waits for the processors and runs the cancellation steps now due, until none is left. */
    private void letTheCancellationProcessCatchUp() {
        for (int round = 0; round < MAX_RUNS_PER_SWEEP; round++) {
            catchUp.awaitAll(PROCESS_CATCH_UP);
            if (cancellations.runDue() == 0) {
                return;
            }
        }
    }

    private Object command(Move move) {
        if (move.command() instanceof Submission submission) {
            // As the HTTP API does: the number is issued at submission, dated by the (simulated) business day.
            return submission.refund().submitAs(submission.applicationId(), numbers.issue());
        }
        return move.command();
    }

    private static MetaData metaData(Move move, String requestId) {
        MetaData metaData = move.actor().asMetaData()
                .and(MetadataKeys.CHANNEL, CHANNEL)
                .and(MetadataKeys.REQUEST_ID, "gen-" + requestId);
        return move.customerChannel() == null ? metaData
                : metaData.and(MetadataKeys.CUSTOMER_CHANNEL, move.customerChannel());
    }

    private static GenerationReport.FailedCommand failure(Pending step, RuntimeException e) {
        String code = e instanceof DomainException domain ? domain.code() : e.getClass().getSimpleName();
        return new GenerationReport.FailedCommand(step.generated().id(), step.generated().scenarioName(),
                step.move().at(), step.move().commandName(), step.move().actor().username(), code, e.getMessage());
    }

    /** Ids and order numbers of one run differ from every other run's, even with the same seed. */
    private static String runTag(GenerationPlan plan) {
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36 * 36), 36);
        return ("G" + Long.toString(Math.abs(plan.seed() % 1_000_000), 36) + "-" + run).toUpperCase();
    }

    private record Pending(Move move, long order, GeneratedCase generated) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = move.at().compareTo(other.move.at());
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
