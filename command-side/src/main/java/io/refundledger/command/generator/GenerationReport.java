package io.refundledger.command.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a generator run did: the cases by scenario and by where they ended, the commands sent, and every command that
 * failed (a failed command ends its case; nothing is swallowed).
 */
public record GenerationReport(
        Instant from,
        Instant to,
        List<CaseOutcome> cases,
        Map<String, Integer> commandsSent,
        List<FailedCommand> failures,
        int escalations,
        boolean processorsCaughtUp,
        Duration took) {

    /** @param complete whether its course ended within the period (otherwise its next step lay after the end) */
    public record CaseOutcome(String id, String scenario, String state, boolean complete) {
    }

    /** @param code the domain error's code, or the exception's class for a technical failure */
    public record FailedCommand(String caseId, String scenario, Instant at, String command, String actor, String code,
                                String message) {
    }

    public int commandCount() {
        return commandsSent.values().stream().mapToInt(Integer::intValue).sum();
    }

    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("Generated history from ").append(from).append(" to ").append(to).append(" in ")
                .append(took.toMillis() / 1000.0).append(" s\n");
        text.append(String.format("  %d cases, %d commands (%.0f commands/s), %d failed, %d SLA escalations%n",
                cases.size(), commandCount(), commandCount() / Math.max(took.toMillis() / 1000.0, 0.001), failures.size(),
                escalations));
        text.append("  by scenario:     ").append(count(CaseOutcome::scenario)).append('\n');
        text.append("  ended as:        ").append(count(CaseOutcome::state)).append('\n');
        text.append("  still open:      ").append(cases.stream().filter(c -> !c.complete()).count()).append('\n');
        text.append("  commands:        ").append(new TreeMap<>(commandsSent)).append('\n');
        if (!processorsCaughtUp) {
            text.append("  WARNING: the processors had not caught up with the event store when the run ended\n");
        }
        failures.stream().limit(20).forEach(f -> text.append("  FAILED ").append(f.command()).append(" by ")
                .append(f.actor()).append(" at ").append(f.at()).append(" (").append(f.scenario()).append(' ')
                .append(f.caseId()).append("): ").append(f.code()).append(" ").append(f.message()).append('\n'));
        if (failures.size() > 20) {
            text.append("  … and ").append(failures.size() - 20).append(" more failures\n");
        }
        return text.toString();
    }

    private Map<String, Long> count(java.util.function.Function<CaseOutcome, String> key) {
        return cases.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }
}
