package io.refundledger.query.soak;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Staff and customers at work, each a thread playing realistic flows through the command API of both command-side
 * instances, with progress and dashboard reads on both query-side instances between steps: refunds approved and
 * paid, rejected, withdrawn, asked for more information, above the second-approval threshold, returns shipped,
 * received and inspected, payouts that fail and are retried, ratings, and subscription cancellations that the
 * cancellation process then carries through. Each flow stops at the first step that is not acknowledged.
 */
final class SoakLoad {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final SoakCluster cluster;
    private final SoakClient client;
    private final int users;
    private final double pauseMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    final Map<String, AtomicLong> flows = new ConcurrentHashMap<>();
    final AtomicLong reads = new AtomicLong();

    SoakLoad(SoakCluster cluster, SoakClient client, int users, double pauseMillis) {
        this.cluster = cluster;
        this.client = client;
        this.users = users;
        this.pauseMillis = pauseMillis;
    }

    void start() {
        for (int user = 1; user <= users; user++) {
            int id = user;
            Thread thread = new Thread(() -> play(id), "soak-user-" + id);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread dashboards = new Thread(this::readDashboards, "soak-dashboards");
        dashboards.setDaemon(true);
        threads.add(dashboards);
        dashboards.start();
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(180_000);
        }
    }

    // ------------------------------------------------------------------------------------------------- flows

    private void play(int user) {
        Random random = new Random(20_261_123L * user);
        int n = 0;
        while (running.get()) {
            n++;
            String tag = user + "-" + n;
            int roll = random.nextInt(100);
            String flow = roll < 35 ? "paid" : roll < 45 ? "rejected" : roll < 55 ? "information-then-failed-payout"
                    : roll < 65 ? "second-approval" : roll < 75 ? "return" : roll < 80 ? "withdrawn" : "subscription-cancellation";
            flows.computeIfAbsent(flow, f -> new AtomicLong()).incrementAndGet();
            Steps steps = new Steps(user, random);
            switch (flow) {
                case "paid" -> paid(steps, tag, random);
                case "rejected" -> rejected(steps, tag, random);
                case "information-then-failed-payout" -> informationThenFailedPayout(steps, tag, random);
                case "second-approval" -> secondApproval(steps, tag);
                case "return" -> returned(steps, tag, random);
                case "withdrawn" -> withdrawn(steps, tag, random);
                default -> subscriptionCancellation(steps, tag);
            }
        }
    }

    private void paid(Steps s, String tag, Random random) {
        String id = s.submit(tag, amount(random), "REFUND_ONLY");
        if (id == null || !s.ok("approve", "/api/refunds/" + id + "/approve", "{\"note\":\"checked\"}", s.reviewer())) return;
        s.readProgress(id);
        String payout = s.startPayout(id, null);
        if (payout == null || !s.ok("payout success", "/api/refunds/" + id + "/payouts/" + payout + "/success",
                "{\"externalReference\":\"PAY-" + tag + "\"}", "finance")) return;
        s.readProgress(id);
        s.ok("rating", "/api/refunds/" + id + "/rating", "{\"rating\":" + (1 + random.nextInt(5)) + ",\"comment\":\"ok\"}", "agent");
    }

    private void rejected(Steps s, String tag, Random random) {
        String id = s.submit(tag, amount(random), "REFUND_ONLY");
        if (id == null) return;
        s.readProgress(id);
        s.ok("reject", "/api/refunds/" + id + "/reject", "{\"reason\":\"发票不符\"}", s.reviewer());
    }

    private void informationThenFailedPayout(Steps s, String tag, Random random) {
        String id = s.submit(tag, amount(random), "REFUND_ONLY");
        if (id == null
                || !s.ok("information request", "/api/refunds/" + id + "/information-request", "{\"question\":\"请提供发票\"}", s.reviewer())
                || !s.ok("information", "/api/refunds/" + id + "/information", "{\"answer\":\"已上传\",\"attachmentReferences\":[\"inv-" + tag + "\"]}", "agent")
                || !s.ok("approve", "/api/refunds/" + id + "/approve", null, s.reviewer())) return;
        String first = s.startPayout(id, null);
        if (first == null || !s.ok("payout failure", "/api/refunds/" + id + "/payouts/" + first + "/failure",
                "{\"reason\":\"account closed\"}", "finance")) return;
        String second = s.startPayout(id, "BANK_TRANSFER");
        if (second == null) return;
        s.ok("payout success", "/api/refunds/" + id + "/payouts/" + second + "/success", "{\"externalReference\":\"BT-" + tag + "\"}", "finance");
        s.readProgress(id);
    }

    private void secondApproval(Steps s, String tag) {
        String id = s.submit(tag, "6800.00", "REFUND_ONLY");
        if (id == null || !s.ok("approve", "/api/refunds/" + id + "/approve", null, s.reviewer())
                || !s.ok("second approval", "/api/refunds/" + id + "/second-approval", "{\"note\":\"budget ok\"}", "finance")) return;
        String payout = s.startPayout(id, null);
        if (payout == null) return;
        s.ok("payout success", "/api/refunds/" + id + "/payouts/" + payout + "/success", "{\"externalReference\":\"PAY-" + tag + "\"}", "finance");
    }

    private void returned(Steps s, String tag, Random random) {
        String id = s.submit(tag, amount(random), "RETURN_AND_REFUND");
        if (id == null || !s.ok("approve", "/api/refunds/" + id + "/approve", null, s.reviewer())
                || !s.ok("return shipment", "/api/refunds/" + id + "/return-shipment", "{\"carrier\":\"SF\",\"trackingNumber\":\"SF" + tag + "\"}", "agent")
                || !s.ok("return receipt", "/api/refunds/" + id + "/return-receipt", null, "agent")
                || !s.ok("inspection", "/api/refunds/" + id + "/inspection", "{\"outcome\":\"PASSED\",\"notes\":\"完好\"}", s.reviewer())) return;
        String payout = s.startPayout(id, null);
        if (payout == null) return;
        s.ok("payout success", "/api/refunds/" + id + "/payouts/" + payout + "/success", "{\"externalReference\":\"RT-" + tag + "\"}", "finance");
    }

    private void withdrawn(Steps s, String tag, Random random) {
        String id = s.submit(tag, amount(random), "REFUND_ONLY");
        if (id == null) return;
        s.ok("withdraw", "/api/refunds/" + id + "/withdraw", "{\"reason\":\"changed my mind\"}", "agent");
    }

    private void subscriptionCancellation(Steps s, String tag) {
        String subscriptionId = "S-SOAK-" + tag;
        LocalDate today = cluster.clockNow().atZone(BUSINESS_ZONE).toLocalDate();
        LocalDate termStart = today.minusDays(100);
        String start = """
                {"subscriptionId":"%s","customerId":"C-SOAK-%s","customerSegment":"SMB","planCode":"CRM-MOBILE-PRO",
                 "productId":"P-CRM-MOBILE","seats":"10","termStart":"%s","termEnd":"%s",
                 "prepaidAmount":{"amount":"1200.00","currency":"CNY"},"termDiscount":{"amount":"0.00","currency":"CNY"},
                 "terms":{"minimumTermMonths":12,"noticePeriodDays":30,"dataRetentionDays":30,
                          "penalty":{"kind":"PERCENT_OF_REMAINING","percent":"20","cap":{"amount":"100.00","currency":"CNY"}}},
                 "autoRenewal":"false","contact":{"name":"王小明","email":"soak-%s@example.com","phone":"+86 138 0000 0000"}}"""
                .formatted(subscriptionId, tag, termStart, termStart.plusYears(1), tag);
        if (!s.ok("subscription start", "/api/subscriptions", start, "agent")) return;
        s.ok("subscription cancellation", "/api/subscriptions/" + subscriptionId + "/cancellation",
                "{\"reason\":\"SWITCHED_PROVIDER\",\"reasonText\":\"换了别家CRM\",\"effect\":\"IMMEDIATELY\"}", "agent");
        client.read("GET subscription", cluster.querySide(), s.user, "/api/subscriptions/" + subscriptionId, "auditor");
        reads.incrementAndGet();
    }

    private static String amount(Random random) {
        return (50 + random.nextInt(900)) + "." + (10 + random.nextInt(90));
    }

    /** The steps of one flow by one user: which instance it prefers, and the pause a person takes between steps. */
    private final class Steps {
        final int user;
        final Random random;
        String customerId;
        String orderId;

        Steps(int user, Random random) {
            this.user = user;
            this.random = random;
        }

        String reviewer() {
            return user % 2 == 0 ? "reviewer" : "reviewer2";
        }

        String submit(String tag, String amount, String type) {
            customerId = "C-SOAK-" + tag;
            orderId = "SO-SOAK-" + tag;
            String purchasedAt = cluster.clockNow().minusSeconds(5 * 86_400).atZone(BUSINESS_ZONE)
                    .withZoneSameInstant(ZoneOffset.ofHours(8)).format(OFFSET_TIME);
            SoakClient.Sent sent = send("submit", "/api/refunds", """
                    {"customerId":"%s","orderId":"%s","type":"%s",
                     "paidAmount":{"amount":"%s","currency":"CNY"},"requestedAmount":{"amount":"%s","currency":"CNY"},
                     "reasonCategory":"PRODUCT_QUALITY","reasonText":"屏幕有坏点","payoutMethod":"ORIGINAL_PAYMENT",
                     "purchasedAt":"%s","usage":"NOT_USED","productId":"P-CRM-MOBILE","customerSegment":"SMB"}"""
                    .formatted(customerId, orderId, type, amount, amount, purchasedAt), "agent");
            return sent.acknowledged() && sent.body() != null ? sent.body().path("applicationId").asText(null) : null;
        }

        String startPayout(String id, String method) {
            SoakClient.Sent sent = send("payout start", "/api/refunds/" + id + "/payouts",
                    method == null ? null : "{\"method\":\"" + method + "\"}", "finance");
            return sent.acknowledged() && sent.body() != null ? sent.body().path("payoutId").asText(null) : null;
        }

        boolean ok(String label, String path, String body, String user) {
            return send(label, path, body, user).acknowledged();
        }

        private SoakClient.Sent send(String label, String path, String body, String asUser) {
            pause();
            // One command in twenty is sent a second time with its key, as after a lost answer: it must be a replay.
            boolean duplicate = random.nextInt(20) == 0;
            return client.command(label, cluster.commandSide(), user + random.nextInt(2), path, body, asUser, client.newKey(), duplicate);
        }

        void readProgress(String id) {
            pause();
            List<SoakCluster.Instance> query = cluster.querySide();
            int which = random.nextInt(4);
            String path = switch (which) {
                case 0 -> "/api/refunds/" + id;
                case 1 -> "/api/orders/" + orderId + "/refunds";
                case 2 -> "/api/customers/" + customerId + "/balance";
                default -> "/api/audit/refunds/" + id + "/history";
            };
            String label = switch (which) {
                case 0 -> "GET progress";
                case 1 -> "GET order refunds";
                case 2 -> "GET balance";
                default -> "GET audit history";
            };
            client.read(label, query, user + random.nextInt(2), path, which == 3 ? "auditor" : "agent");
            reads.incrementAndGet();
        }

        private void pause() {
            if (pauseMillis > 0) {
                SoakClient.sleep((long) (pauseMillis * (0.5 + random.nextDouble())));
            }
        }
    }

    // --------------------------------------------------------------------------------------------- dashboards

    /** A supervisor's and finance's screens, refreshed about once a second on either query-side instance. */
    private void readDashboards() {
        Random random = new Random(7);
        int n = 0;
        while (running.get()) {
            n++;
            LocalDate today = cluster.clockNow().atZone(BUSINESS_ZONE).toLocalDate();
            String day = "from=" + today + "&to=" + today;
            List<SoakCluster.Instance> query = cluster.querySide();
            switch (n % 6) {
                case 0 -> client.read("GET refund reasons", query, n, "/api/analytics/refund-reasons?" + day + "&granularity=DAY&groupBy=REASON", "reviewer");
                case 1 -> client.read("GET cancellation reasons", query, n, "/api/analytics/cancellation-reasons?" + day + "&granularity=DAY", "reviewer");
                case 2 -> client.read("GET staff KPIs", query, n, "/api/kpis/staff?" + day + "&granularity=DAY", "reviewer");
                case 3 -> client.read("GET finance queue", query, n, "/api/finance/refunds?status=APPROVED&limit=20", "finance");
                case 4 -> client.read("GET daily totals", query, n, "/api/finance/reports/daily?" + day, "finance");
                default -> client.read("GET payouts", query, n, "/api/finance/payouts?" + day + "&limit=20", "finance");
            }
            reads.incrementAndGet();
            SoakClient.sleep(700 + random.nextInt(600));
        }
    }
}
