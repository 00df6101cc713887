package io.refundledger.command.web;

import com.mongodb.MongoTimeoutException;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.Submissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

/**
 * While the database cannot be reached, a request's {@code Idempotency-Key} cannot be checked. Bad input is still
 * judged and answered with its 4xx problem; a request that would change something is refused with
 * {@code 503 DATABASE_UNAVAILABLE} and {@code Retry-After}, never run unchecked, and nothing is stored.
 */
class IdempotencyStoreUnavailableOverHttpTest extends CommandSideSpringTest {

    @MockitoSpyBean
    IdempotencyKeys keys;

    @BeforeEach
    void databaseUnreachableForKeys() {
        doThrow(new MongoTimeoutException("Timed out while waiting for a server")).when(keys).claim(any(), any(), any());
    }

    @Test
    void badInputIsStillAnsweredWithItsProblem() {
        long commits = eventLog().commitCount();

        Response response = as(AGENT).post("/api/refunds", "{\"customerId\":\"C-1\"}", "Idempotency-Key", "k-bad-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventLog().commitCount()).isEqualTo(commits);
    }

    @Test
    void aCommandIsRefusedWith503AndRetryAfterAndNothingIsStored() {
        long commits = eventLog().commitCount();

        Response response = as(AGENT).post("/api/refunds", Submissions.valid(), "Idempotency-Key", "k-valid-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(eventLog().commitCount()).isEqualTo(commits);
    }
}
