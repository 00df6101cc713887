package io.refundledger.query.soak;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The soak's figures, as a table for people ({@code soak.txt}) and as JSON for tools ({@code soak.json}). */
final class SoakReport {

    /** Answers after a fault this long past the instance being back still count as inside its window. */
    private static final double FAULT_GRACE_SECONDS = 30;

    record EndpointFigures(String label, int requests, double p50, double p99, long serverErrors, long noAnswer) {
    }

    private final SoakRun.Settings settings;
    private final double loadSeconds;
    private final double catchUpSeconds;
    private final SoakClient client;
    private final SoakLoad load;
    private final SoakBadInputs bad;
    private final List<SoakRun.Fault> faults;
    private final SoakChecker.Findings findings;
    private final double wholeSeconds;
    private final List<EndpointFigures> endpoints = new ArrayList<>();
    private final List<String> failuresOutsideFaults = new ArrayList<>();
    private final long requests;
    private final double p99;
    private final double p50;
    private final long retriedCommands;
    private final long duplicatesReplayed;
    private final List<String> lines = new ArrayList<>();

    SoakReport(SoakRun.Settings settings, double loadSeconds, double catchUpSeconds, SoakClient client, SoakLoad load,
               SoakBadInputs bad, List<SoakRun.Fault> faults, SoakChecker.Findings findings, double wholeSeconds) {
        this.settings = settings;
        this.loadSeconds = loadSeconds;
        this.catchUpSeconds = catchUpSeconds;
        this.client = client;
        this.load = load;
        this.bad = bad;
        this.faults = faults;
        this.findings = findings;
        this.wholeSeconds = wholeSeconds;
        List<SoakClient.Attempt> attempts = client.attempts.stream().filter(a -> !a.label().startsWith("CHECK")).toList();
        this.requests = attempts.size();
        this.p50 = percentile(attempts.stream().map(SoakClient.Attempt::millis).toList(), 50);
        this.p99 = percentile(attempts.stream().map(SoakClient.Attempt::millis).toList(), 99);
        Map<String, List<SoakClient.Attempt>> byLabel = attempts.stream()
                .collect(Collectors.groupingBy(a -> a.label().startsWith("BAD ") ? "bad input (all kinds)" : a.label(), TreeMap::new, Collectors.toList()));
        byLabel.forEach((label, list) -> endpoints.add(new EndpointFigures(label, list.size(),
                percentile(list.stream().map(SoakClient.Attempt::millis).toList(), 50),
                percentile(list.stream().map(SoakClient.Attempt::millis).toList(), 99),
                list.stream().filter(a -> a.status() >= 500).count(), list.stream().filter(a -> a.status() < 0).count())));
        for (SoakClient.Attempt attempt : attempts) {
            // A request cut by a fault may have started before it: what counts is when its answer failed.
            if ((attempt.status() >= 500 || attempt.status() < 0) && !insideFault(attempt.atSeconds() + attempt.millis() / 1000)) {
                failuresOutsideFaults.add(String.format(Locale.ROOT, "%.1f s %s on %s, after %.0f ms: %s", attempt.atSeconds(),
                        attempt.label(), attempt.instance(), attempt.millis(),
                        attempt.status() < 0 ? "no answer (" + attempt.failure() + ")" : attempt.status()));
            }
        }
        this.retriedCommands = client.commands.stream().filter(c -> c.attempts() > 1).count();
        this.duplicatesReplayed = client.commands.stream().filter(SoakClient.Sent::replayed).count();
    }

    private boolean insideFault(double at) {
        return faults.stream().anyMatch(f -> at >= f.atSeconds() - 1 && at <= f.atSeconds() + f.recoveredSeconds() + FAULT_GRACE_SECONDS);
    }

    /** Bad requests answered 5xx. */
    private List<SoakBadInputs.Outcome> badServerErrors() {
        return bad.outcomes.stream().filter(o -> o.status() >= 500).toList();
    }

    /**
     * Bad requests answered other than as they must be: anything but a 4xx problem document, except that while the
     * database is down a request whose key or id cannot be checked gets the 503 DATABASE_UNAVAILABLE problem.
     */
    private List<SoakBadInputs.Outcome> badUnexpected() {
        return bad.outcomes.stream().filter(o -> !o.problem() || o.status() < 400 || (o.status() >= 500
                && !(o.status() == 503 && "DATABASE_UNAVAILABLE".equals(o.code()) && insideDatabaseFault(o.endedAtSeconds())))).toList();
    }

    private boolean insideDatabaseFault(double at) {
        return faults.stream().anyMatch(f -> f.kind().contains("database") && at >= f.atSeconds() - 1
                && at <= f.atSeconds() + f.recoveredSeconds() + FAULT_GRACE_SECONDS);
    }

    /** Per kind of bad input: the answers it got, as "400 MALFORMED_REQUEST ×9". */
    private Map<String, Map<String, Long>> badAnswersByKind() {
        Map<String, Map<String, Long>> answers = new java.util.LinkedHashMap<>();
        SoakBadInputs.cases().forEach(c -> answers.put(c.name(), new TreeMap<>()));
        for (SoakBadInputs.Outcome o : bad.outcomes) {
            answers.computeIfAbsent(o.name(), n -> new TreeMap<>()).merge(o.status() + " " + (o.code() == null ? "(no code)" : o.code()), 1L, Long::sum);
        }
        return answers;
    }

    boolean passed() {
        return problems().isEmpty();
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!findings.lost.isEmpty()) problems.add(findings.lost.size() + " acknowledged commands lost: " + first(findings.lost));
        if (!findings.doubled.isEmpty()) problems.add(findings.doubled.size() + " steps doubled: " + first(findings.doubled));
        if (!findings.replayMismatches.isEmpty()) problems.add("a repeat with the same key was not a replay: " + first(findings.replayMismatches));
        if (!findings.positionsGapFree) problems.add("positions not gap-free: " + findings.positionProblem);
        if (!findings.hashChainIntact) problems.add("the hash chain does not verify up to the head");
        if (!findings.readModelDifferences.isEmpty()) problems.add(findings.readModelDifferences.size()
                + " read-model documents differ from a fresh rebuild: " + first(findings.readModelDifferences));
        if (findings.readModelDocuments == 0) problems.add("no read-model documents were compared");
        if (findings.badInputsStored > 0) problems.add(findings.badInputsStored + " events from bad input: " + findings.badInputEvidence);
        if (bad.tried.get() == 0) problems.add("no bad input was tried");
        List<SoakBadInputs.Outcome> unexpected = badUnexpected();
        if (!unexpected.isEmpty()) problems.add(unexpected.size() + " bad inputs not answered with a 4xx problem: "
                + unexpected.get(0).name() + " got " + unexpected.get(0).status() + " " + unexpected.get(0).body());
        if (!failuresOutsideFaults.isEmpty()) problems.add(failuresOutsideFaults.size() + " 5xx or unanswered requests outside fault windows: "
                + first(failuresOutsideFaults));
        findings.totals.stream().filter(t -> !t.matches()).forEach(t -> problems.add("total differs: " + t));
        faults.stream().filter(f -> f.kind().contains("query-side") && f.takeoverSeconds() == null)
                .forEach(f -> problems.add("the surviving query-side instance did not take over " + f.instance() + "'s segments"));
        if (findings.acknowledged == 0) problems.add("nothing was acknowledged");
        return problems;
    }

    private static String first(List<String> items) {
        return items.isEmpty() ? "" : items.get(0) + (items.size() > 1 ? " (and " + (items.size() - 1) + " more)" : "");
    }

    // ---------------------------------------------------------------------------------------------- writing

    void write() throws IOException {
        line("Soak: %d s of load on 2 command-side + 2 query-side instances, %s; %d users, %s bad-input client",
                Math.round(loadSeconds), settings.mongoUri() == null ? "embedded database" : "MongoDB at MONGODB_URI",
                settings.users(), "one");
        line("whole run %.0f s (start-up, load, catch-up %.0f s, checks including a fresh rebuild %.0f s)", wholeSeconds,
                catchUpSeconds, findings.rebuildSeconds);
        line("");
        line("load held      %,d requests, %.1f requests/s, p50 %.1f ms, p99 %.1f ms; flows %s; %,d reads",
                requests, requests / loadSeconds, p50, p99, new TreeMap<>(load.flows), load.reads.get());
        line("commands       %,d sent, %,d acknowledged; %,d retried with the same Idempotency-Key, %,d answered as replays",
                client.commands.stream().filter(c -> !c.label().startsWith("REPLAY MISMATCH")).count(), findings.acknowledged,
                retriedCommands, duplicatesReplayed);
        line("");
        line("%-6s %-28s %8s %12s %12s", "fault", "", "at", "back after", "takeover");
        for (SoakRun.Fault fault : faults) {
            line("%-35s %6.0f s %10.1f s %12s", fault.kind(), fault.atSeconds(), fault.recoveredSeconds(),
                    fault.takeoverSeconds() == null ? "" : String.format(Locale.ROOT, "%.1f s", fault.takeoverSeconds()));
        }
        if (faults.isEmpty()) {
            line("(no faults injected)");
        }
        line("5xx or unanswered outside a fault window: %d", failuresOutsideFaults.size());
        failuresOutsideFaults.stream().limit(20).forEach(f -> line("  %s", f));
        line("");
        line("checker");
        line("  acknowledged commands        %,d", findings.acknowledged);
        line("  lost                         %d", findings.lost.size());
        line("  doubled                      %d", findings.doubled.size());
        line("  repeats not replayed         %d", findings.replayMismatches.size());
        line("  events / commits             %,d / %,d, positions 1..%,d %s", findings.events, findings.commits, findings.head,
                findings.positionsGapFree ? "gap-free" : "WITH A GAP: " + findings.positionProblem);
        line("  hash chain                   %s", findings.hashChainIntact ? "verifies up to the head" : "BROKEN");
        line("  read models vs fresh rebuild %,d documents in %d collections, %d differences", findings.readModelDocuments,
                findings.comparedCollections.size(), findings.readModelDifferences.size());
        line("  bad inputs                   %,d tried (%d kinds), %d answered 5xx (%d of them 503 DATABASE_UNAVAILABLE while the database was down), %d answered otherwise than they must, %d stored",
                bad.tried.get(), SoakBadInputs.cases().size(), badServerErrors().size(),
                badServerErrors().stream().filter(o -> o.status() == 503 && insideDatabaseFault(o.endedAtSeconds())).count(),
                badUnexpected().size(), findings.badInputsStored);
        for (SoakChecker.Total total : findings.totals) {
            line("  %-28s events %-12s read model %-12s %s", total.what(), total.fromEvents(), total.fromReadModel(),
                    total.matches() ? "equal" : "DIFFERENT");
        }
        line("");
        line("bad input, what each kind was answered");
        badAnswersByKind().forEach((kind, answers) -> line("  %-28s %s", kind, answers.entrySet().stream()
                .map(a -> a.getKey() + " ×" + a.getValue()).collect(Collectors.joining(", "))));
        line("");
        line("%-40s %8s %10s %10s %6s %9s", "endpoint", "requests", "p50 ms", "p99 ms", "5xx", "no answer");
        endpoints.stream().sorted(Comparator.comparing(EndpointFigures::label)).forEach(e ->
                line("%-40s %8d %10.1f %10.1f %6d %9d", e.label(), e.requests(), e.p50(), e.p99(), e.serverErrors(), e.noAnswer()));
        line("");
        List<String> problems = problems();
        line(problems.isEmpty() ? "PASSED: nothing lost, nothing doubled, no differences" : "FAILED:");
        problems.forEach(p -> line("  - %s", p));
        findings.readModelDifferences.stream().limit(5).forEach(d -> line("    %s", d));

        Path txt = Path.of(settings.output() + ".txt");
        Files.createDirectories(txt.getParent());
        Files.write(txt, lines, StandardCharsets.UTF_8);
        Files.writeString(Path.of(settings.output() + ".json"), json(), StandardCharsets.UTF_8);
        writeRequestLog(settings.logs().resolve("requests.jsonl"));
        System.out.println("[soak] written to " + txt + " and " + settings.output() + ".json");
    }

    private String json() throws IOException {
        ObjectNode root = SoakClient.JSON.createObjectNode();
        root.put("duration_s", Math.round(loadSeconds));
        root.put("requests", requests);
        root.put("acknowledged", findings.acknowledged);
        root.put("lost", findings.lost.size());
        root.put("doubled", findings.doubled.size());
        root.put("read_model_differences", findings.readModelDifferences.size());
        root.put("bad_inputs_tried", bad.tried.get());
        root.put("bad_inputs_5xx", badServerErrors().size());
        root.put("bad_inputs_5xx_outside_database_outage", badServerErrors().stream().filter(o -> !insideDatabaseFault(o.endedAtSeconds())).count());
        root.put("bad_inputs_answered_unexpectedly", badUnexpected().size());
        root.put("bad_inputs_stored", findings.badInputsStored);
        ArrayNode faultsNode = root.putArray("faults");
        for (SoakRun.Fault fault : faults) {
            ObjectNode f = faultsNode.addObject().put("kind", fault.kind()).put("at_s", round(fault.atSeconds()))
                    .put("recovered_s", round(fault.recoveredSeconds()));
            if (fault.takeoverSeconds() != null) {
                f.put("takeover_s", round(fault.takeoverSeconds()));
            }
        }
        root.put("requests_per_s", round(requests / loadSeconds));
        root.put("p99_ms", round(p99));
        root.put("p50_ms", round(p50));
        root.put("positions_gap_free", findings.positionsGapFree);
        root.put("hash_chain_intact", findings.hashChainIntact);
        root.put("errors_outside_fault_windows", failuresOutsideFaults.size());
        root.put("read_model_documents_compared", findings.readModelDocuments);
        ObjectNode endpointsNode = root.putObject("endpoints");
        endpoints.forEach(e -> endpointsNode.putObject(e.label()).put("requests", e.requests()).put("p50_ms", round(e.p50()))
                .put("p99_ms", round(e.p99())).put("5xx", e.serverErrors()).put("no_answer", e.noAnswer()));
        ObjectNode totalsNode = root.putObject("totals");
        findings.totals.forEach(t -> totalsNode.putObject(t.what()).put("events", t.fromEvents()).put("read_model", t.fromReadModel()));
        root.put("passed", passed());
        return SoakClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    /**
     * Every command as the client saw it (key, final status, whether replayed, attempts, the ids the answer named) and
     * every HTTP exchange (label, start, duration, status or why there was none, instance): one JSON object a line.
     */
    private void writeRequestLog(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SoakClient.Sent sent : client.commands) {
                ObjectNode line = SoakClient.JSON.createObjectNode().put("command", sent.label()).put("key", sent.key())
                        .put("status", sent.status()).put("replayed", sent.replayed()).put("attempts", sent.attempts());
                if (sent.body() != null) {
                    for (String id : List.of("applicationId", "applicationNumber", "payoutId", "subscriptionId", "code")) {
                        if (sent.body().hasNonNull(id)) {
                            line.put(id, sent.body().path(id).asText());
                        }
                    }
                }
                out.write(SoakClient.JSON.writeValueAsString(line));
                out.newLine();
            }
            for (SoakClient.Attempt attempt : client.attempts) {
                ObjectNode line = SoakClient.JSON.createObjectNode().put("request", attempt.label())
                        .put("at_s", round(attempt.atSeconds())).put("ms", round(attempt.millis()))
                        .put("status", attempt.status()).put("instance", attempt.instance());
                if (attempt.failure() != null) {
                    line.put("failure", attempt.failure());
                }
                out.write(SoakClient.JSON.writeValueAsString(line));
                out.newLine();
            }
        }
    }

    private void line(String format, Object... arguments) {
        String line = String.format(Locale.ROOT, format, arguments);
        lines.add(line);
        System.out.println("[soak] " + line);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double percentile(List<Double> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
