package io.refundledger.infrastructure.audit;

import java.time.Clock;
import java.nio.file.Files;

/**
 * Prints how fast the whole log and one aggregate verify, on a log the real engine writes to the embedded
 * in-memory server. Not a test: timings depend on the machine. Run with the module's test classpath:
 * {@code java -cp <test classpath> io.refundledger.infrastructure.audit.ChainVerificationBenchmark [commits]}.
 */
public final class ChainVerificationBenchmark {

    private ChainVerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (AuditTestLog log = new AuditTestLog()) {
            long start = System.nanoTime();
            log.appendAlternating(commits);
            System.out.printf("built a log of %d commits in %.1f s%n", commits, (System.nanoTime() - start) / 1e9);

            for (int batch : new int[]{100, 500, 1000}) {
                HashChainVerifier verifier = new HashChainVerifier(log.database, batch);
                verifier.verifyLog(); // warm-up
                start = System.nanoTime();
                ChainVerification result = verifier.verifyLog();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("whole log, batch %4d: %d commits in %.2f s = %.0f commits/s (intact=%s)%n",
                        batch, result.commitsChecked(), seconds, result.commitsChecked() / seconds, result.intact());
            }

            HashChainVerifier verifier = new HashChainVerifier(log.database, 500);
            start = System.nanoTime();
            AggregateVerification aggregate = verifier.verifyAggregate("a");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("one aggregate: %d commits in %.2f s = %.0f commits/s (intact=%s)%n",
                    aggregate.commitsChecked(), seconds, aggregate.commitsChecked() / seconds, aggregate.intact());

            LogDigests digests = LogDigests.create(verifier, null,
                    Files.createTempDirectory("digest-key").resolve("key.pem"), Clock.systemUTC());
            start = System.nanoTime();
            SignedDigest digest = digests.current();
            System.out.printf("first digest (full verification + sign): %.2f s%n", (System.nanoTime() - start) / 1e9);
            log.appendAlternating(10);
            start = System.nanoTime();
            digests.current();
            System.out.printf("next digest (10 new commits verified + sign): %.1f ms%n", (System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            DigestVerification verification = digests.verify(digest);
            System.out.printf("verify a kept digest: %.2f s (valid=%s, appended since=%d)%n",
                    (System.nanoTime() - start) / 1e9, verification.valid(), verification.commitsAppendedSince());
        }
        System.exit(0);
    }
}
