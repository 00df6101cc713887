package io.refundledger.query.soak;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak in small, as part of {@code ./mvnw verify}: a minute of load from four users on two instances of each app,
 * bad input alongside, and one SIGKILL of each kind (a command-side instance, a query-side instance, the embedded
 * database), each started again. Fails on any acknowledged command lost, any step doubled, any read-model document
 * that differs from a fresh rebuild, any bad input stored or answered 5xx, any total that differs from the events,
 * and any 5xx outside a fault's window. The ten-minute run behind {@code benchmark-results/soak.txt} is
 * {@code ./run.sh soak}. With {@code MONGODB_URI} set, the same run goes against that server (and skips killing it).
 */
class SoakIT {

    @Test
    void aMinuteOfLoadWithAnInstanceOfEachKindAndTheDatabaseKilledLosesNothingDoublesNothingAndLeavesNoDifference()
            throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        SoakRun.Settings settings = new SoakRun.Settings(Integer.getInteger("soak.seconds", 60), 4, 150, 400, true,
                Path.of("target", "soak-short").toAbsolutePath(), Path.of("target", "soak-logs").toAbsolutePath(), root,
                SoakRun.Settings.blankToNull(System.getenv("MONGODB_URI")), Instant.parse("2026-11-23T02:00:00Z"));

        SoakReport report = SoakRun.run(settings);

        assertThat(report.problems()).as("see target/soak-short.txt and the instances' logs in target/soak-logs").isEmpty();
    }
}
