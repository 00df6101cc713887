package io.refundledger.query.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.audit.ChainVerification;
import io.refundledger.infrastructure.audit.HashChainVerifier;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.privacy.MongoPersonalDataVault;
import io.refundledger.query.testing.ReadModelFingerprints;
import org.bson.Document;
import org.bson.types.Binary;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the run left behind, read straight from the database and compared with what the clients were told:
 * every acknowledged command has its events exactly once, nothing is doubled, positions are gap-free and the hash
 * chain verifies, no bad input was stored, every read model equals a fresh rebuild from the event store, and the
 * dashboards' totals equal the same figures counted from the events.
 */
final class SoakChecker {

    record StoredEvent(long position, long commit, String type, String aggregateId, long sequence, String idempotencyKey,
                       JsonNode payload, String rawPayload) {
    }

    /** A figure the dashboards show next to the same figure counted from the events. */
    record Total(String what, String fromEvents, String fromReadModel) {
        boolean matches() {
            return fromEvents.equals(fromReadModel);
        }
    }

    static final class Findings {
        long events;
        long commits;
        long head;
        boolean positionsGapFree = true;
        String positionProblem;
        boolean hashChainIntact;
        long acknowledged;
        final List<String> lost = new ArrayList<>();
        final List<String> doubled = new ArrayList<>();
        final List<String> replayMismatches = new ArrayList<>();
        long badInputsStored;
        final List<String> badInputEvidence = new ArrayList<>();
        long readModelDocuments;
        final List<String> readModelDifferences = new ArrayList<>();
        final List<String> comparedCollections = new ArrayList<>();
        final List<Total> totals = new ArrayList<>();
        double rebuildSeconds;
        final Map<String, Long> eventsByType = new TreeMap<>();
    }

    private final SoakCluster cluster;
    private final SoakClient client;

    SoakChecker(SoakCluster cluster, SoakClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    Findings check() throws Exception {
        Findings findings = new Findings();
        try (MongoClient mongo = MongoClients.create(cluster.mongoUri(cluster.databaseName()))) {
            MongoDatabase database = mongo.getDatabase(cluster.databaseName());
            List<StoredEvent> events = readLog(database, findings);
            checkCommands(events, findings);
            checkBadInputs(events, findings);
            ChainVerification chain = new HashChainVerifier(database, 500).verifyLog();
            findings.hashChainIntact = chain.intact() && chain.headPosition() == findings.head;
            checkTotals(events, findings);
            compareWithFreshRebuild(mongo, database, findings);
        }
        return findings;
    }

    // ---------------------------------------------------------------------------------------------- event log

    private static List<StoredEvent> readLog(MongoDatabase database, Findings findings) {
        List<StoredEvent> events = new ArrayList<>();
        List<Document> commits = new ArrayList<>();
        database.getCollection(MongoCommitLogStorageEngine.COMMITS).find().batchSize(200).into(commits);
        commits.sort((a, b) -> Long.compare(a.getLong("_id"), b.getLong("_id")));
        long expected = 1;
        for (Document commit : commits) {
            long id = commit.getLong("_id");
            if (id != expected && findings.positionsGapFree) {
                findings.positionsGapFree = false;
                findings.positionProblem = "commit at " + id + " where " + expected + " was expected";
            }
            for (Document event : commit.getList("events", Document.class)) {
                long position = ((Number) event.get("position")).longValue();
                if (position != expected && findings.positionsGapFree) {
                    findings.positionsGapFree = false;
                    findings.positionProblem = "event at " + position + " where " + expected + " was expected";
                }
                expected = position + 1;
                String type = event.getString("payloadType");
                String simpleType = type.substring(type.lastIndexOf('.') + 1);
                JsonNode metadata = SoakClient.parse(text(event.get("metaData")));
                String raw = text(event.get("payload"));
                Object sequence = event.get("sequence");
                events.add(new StoredEvent(position, id, simpleType, event.getString("aggregateId"),
                        sequence instanceof Number number && event.get("aggregateType") != null ? number.longValue() : -1,
                        metadata == null ? null : metadata.path("idempotencyKey").asText(null), SoakClient.parse(raw), raw));
                findings.eventsByType.merge(simpleType, 1L, Long::sum);
            }
        }
        findings.events = events.size();
        findings.commits = commits.size();
        findings.head = expected - 1;
        return events;
    }

    private static String text(Object stored) {
        if (stored == null) {
            return null;
        }
        return stored instanceof Binary binary ? new String(binary.getData(), StandardCharsets.UTF_8) : stored.toString();
    }

    /**
     * Lost: an acknowledged command whose key no event carries. Doubled: one key whose event of one type on one
     * aggregate is stored in more than one commit, which is what running a command twice (or a process step twice,
     * since follow-up commands carry the key of what started them) leaves behind.
     */
    private void checkCommands(List<StoredEvent> events, Findings findings) {
        Map<String, List<StoredEvent>> byKey = new HashMap<>();
        for (StoredEvent event : events) {
            if (event.idempotencyKey() != null) {
                byKey.computeIfAbsent(event.idempotencyKey(), k -> new ArrayList<>()).add(event);
            }
        }
        Set<String> acknowledgedKeys = new HashSet<>();
        for (SoakClient.Sent sent : client.commands) {
            if (sent.label().startsWith("REPLAY MISMATCH")) {
                findings.replayMismatches.add(sent.label() + " key " + sent.key() + " answered " + sent.status());
                continue;
            }
            if (sent.acknowledged() && acknowledgedKeys.add(sent.key()) && !byKey.containsKey(sent.key())) {
                findings.lost.add(sent.label() + " key " + sent.key() + " answered " + sent.status() + " " + sent.body());
            }
        }
        findings.acknowledged = acknowledgedKeys.size();
        for (Map.Entry<String, List<StoredEvent>> entry : byKey.entrySet()) {
            Map<String, Set<Long>> commitsPerStep = new LinkedHashMap<>();
            for (StoredEvent event : entry.getValue()) {
                commitsPerStep.computeIfAbsent(event.aggregateId() + " " + event.type(), k -> new HashSet<>()).add(event.commit());
            }
            commitsPerStep.forEach((step, commits) -> {
                if (commits.size() > 1) {
                    findings.doubled.add("key " + entry.getKey() + ": " + step + " in commits " + commits);
                }
            });
            // A request run twice that creates something would create it twice, under two ids.
            Map<String, Set<String>> createdPerType = new LinkedHashMap<>();
            for (StoredEvent event : entry.getValue()) {
                if (event.sequence() == 0 && event.aggregateId() != null) {
                    createdPerType.computeIfAbsent(event.type(), k -> new HashSet<>()).add(event.aggregateId());
                }
            }
            createdPerType.forEach((type, aggregates) -> {
                if (aggregates.size() > 1) {
                    findings.doubled.add("key " + entry.getKey() + ": " + type + " created " + aggregates.size() + " times: " + aggregates);
                }
            });
        }
    }

    private static void checkBadInputs(List<StoredEvent> events, Findings findings) {
        for (StoredEvent event : events) {
            boolean keyed = event.idempotencyKey() != null && event.idempotencyKey().startsWith(SoakBadInputs.KEY_PREFIX + "-");
            boolean marked = event.rawPayload() != null && event.rawPayload().contains(SoakBadInputs.MARKER);
            if (keyed || marked) {
                findings.badInputsStored++;
                if (findings.badInputEvidence.size() < 10) {
                    findings.badInputEvidence.add(event.type() + " at " + event.position());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ totals

    /** The business day of the run (the cluster's clock starts in the morning and a soak lasts well under a day). */
    private void checkTotals(List<StoredEvent> events, Findings findings) {
        LocalDate day = cluster.clockNow().atZone(SoakLoad.BUSINESS_ZONE).toLocalDate();
        String period = "from=" + day.minusDays(1) + "&to=" + day;
        long submitted = count(events, "RefundApplicationSubmitted");
        long approved = count(events, "RefundApplicationApproved");
        long rejected = count(events, "RefundApplicationRejected");
        long paid = count(events, "PayoutSucceeded");
        long failed = count(events, "PayoutFailed");
        BigDecimal paidAmount = sum(events, "PayoutSucceeded");
        List<SoakCluster.Instance> query = cluster.querySide();

        JsonNode reasons = client.read("CHECK refund reasons", query, 0,
                "/api/analytics/refund-reasons?" + period + "&granularity=DAY&groupBy=REASON", "reviewer").orElse(null);
        JsonNode reasonTotals = reasons == null ? null : reasons.path("totals");
        findings.totals.add(new Total("refund reasons: applications", Long.toString(submitted), figure(reasonTotals, "applications")));
        findings.totals.add(new Total("refund reasons: rejected", Long.toString(rejected), figure(reasonTotals, "rejected")));
        findings.totals.add(new Total("refund reasons: paid CNY", paidAmount.toPlainString(),
                reasonTotals == null ? "missing" : amount(reasonTotals.path("paidAmount").path("CNY"))));

        JsonNode daily = client.read("CHECK daily totals", query, 0, "/api/finance/reports/daily?" + period, "finance").orElse(null);
        long paidCount = 0;
        long failedCount = 0;
        long approvedCount = 0;
        BigDecimal paidSum = BigDecimal.ZERO;
        if (daily != null) {
            for (JsonNode row : daily.path("totals")) {
                paidCount += row.path("paidOutCount").asLong();
                failedCount += row.path("failedCount").asLong();
                approvedCount += row.path("approvedCount").asLong();
                paidSum = paidSum.add(new BigDecimal(row.path("paidOutAmount").path("amount").asText("0")));
            }
        }
        findings.totals.add(new Total("finance: approved", Long.toString(approved), daily == null ? "missing" : Long.toString(approvedCount)));
        findings.totals.add(new Total("finance: paid out", Long.toString(paid), daily == null ? "missing" : Long.toString(paidCount)));
        findings.totals.add(new Total("finance: failed payouts", Long.toString(failed), daily == null ? "missing" : Long.toString(failedCount)));
        findings.totals.add(new Total("finance: paid out CNY", paidAmount.toPlainString(), daily == null ? "missing" : paidSum.stripTrailingZeros().toPlainString()));

        JsonNode kpis = client.read("CHECK staff KPIs", query, 0, "/api/kpis/staff?" + period + "&granularity=DAY", "reviewer").orElse(null);
        long kpiRejected = 0;
        if (kpis != null) {
            for (JsonNode row : kpis.path("staff")) {
                kpiRejected += row.path("figures").path("rejected").asLong();
            }
        }
        findings.totals.add(new Total("staff KPIs: rejected", Long.toString(rejected), kpis == null ? "missing" : Long.toString(kpiRejected)));
    }

    private static String figure(JsonNode node, String field) {
        return node == null ? "missing" : Long.toString(node.path(field).asLong());
    }

    private static String amount(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "0" : new BigDecimal(node.asText()).stripTrailingZeros().toPlainString();
    }

    private static long count(List<StoredEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    private static BigDecimal sum(List<StoredEvent> events, String type) {
        BigDecimal total = BigDecimal.ZERO;
        for (StoredEvent event : events) {
            if (event.type().equals(type) && event.payload() != null) {
                total = total.add(new BigDecimal(event.payload().path("amount").path("amount").asText("0")));
            }
        }
        return total.stripTrailingZeros();
    }

    // ------------------------------------------------------------------------------------------- fresh rebuild

    /**
     * The event log (and the keys that decrypt personal data) copied to a new database, a fresh query-side process
     * on it that builds every read model from scratch, and then every document compared with the live one.
     */
    private void compareWithFreshRebuild(MongoClient mongo, MongoDatabase live, Findings findings) throws Exception {
        String rebuildName = cluster.databaseName() + "_rebuild";
        MongoDatabase rebuild = mongo.getDatabase(rebuildName);
        rebuild.drop();
        for (String name : List.of(MongoCommitLogStorageEngine.COMMITS, MongoCommitLogStorageEngine.HEAD_HINTS,
                MongoPersonalDataVault.COLLECTION)) {
            copy(live.getCollection(name), rebuild.getCollection(name));
        }
        long started = System.nanoTime();
        int port = SoakCluster.freePort();
        Process process = cluster.startRebuildQuerySide(rebuildName, port);
        try {
            awaitCaughtUp(port, findings.head, Duration.ofMinutes(20));
            findings.rebuildSeconds = (System.nanoTime() - started) / 1e9;
            Map<String, Map<String, ReadModelFingerprints.Fingerprint>> rebuilt = ReadModelFingerprints.of(rebuild,
                    name -> !ReadModelFingerprints.NOT_READ_MODELS.contains(name));
            Map<String, Map<String, ReadModelFingerprints.Fingerprint>> current = ReadModelFingerprints.of(live, rebuilt::containsKey);
            ReadModelFingerprints.Comparison comparison = ReadModelFingerprints.compare(current, rebuilt);
            findings.readModelDocuments = comparison.documents();
            findings.readModelDifferences.addAll(comparison.differences());
            comparison.collections().forEach(c -> findings.comparedCollections.add(c.name() + " " + c.documents()));
        } finally {
            process.destroy();
            process.waitFor();
        }
        rebuild.drop();
    }

    private static void copy(MongoCollection<Document> from, MongoCollection<Document> to) {
        List<Document> batch = new ArrayList<>();
        for (Document document : from.find().batchSize(200)) {
            batch.add(document);
            if (batch.size() == 200) {
                to.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            to.insertMany(batch);
        }
    }

    private void awaitCaughtUp(int port, long head, Duration limit) throws Exception {
        SoakCluster.Instance rebuild = new SoakCluster.Instance("query-rebuild", SoakCluster.Role.QUERY, port);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = client.read("CHECK processors", List.of(rebuild), 0, "/api/admin/processors", "admin").orElse(null);
            if (status != null && status.path("headPosition").asLong() == head && allCaughtUp(status)) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the fresh rebuild did not catch up with " + head + " events in " + limit);
    }

    static boolean allCaughtUp(JsonNode status) {
        for (JsonNode p : status.path("processors")) {
            if (p.path("error").asBoolean() || p.path("replaying").asBoolean() || p.path("segments").isEmpty()
                    || p.path("lag").asLong() != 0) {
                return false;
            }
        }
        return status.path("processors").size() > 0;
    }
}
