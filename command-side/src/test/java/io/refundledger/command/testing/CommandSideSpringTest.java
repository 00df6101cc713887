package io.refundledger.command.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.refundledger.command.CommandSideApplication;
import io.refundledger.infrastructure.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The running command side on a random port, reached through real HTTP, with its own embedded database and
 * a pinned clock. All subclasses share one Spring context (same configuration), so they share the database
 * too: assertions look at their own applications or at before/after differences, never at totals.
 */
@SpringBootTest(classes = {CommandSideApplication.class, CommandSideSpringTest.PinnedClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandSideSpringTest {

    /** 01:30 on 23 November in Shanghai while it is still the 22nd in UTC: numbers must follow Shanghai. */
    public static final Instant NOW = Instant.parse("2026-11-22T17:30:00Z");
    public static final String TODAYS_PREFIX = "RF-20261123";

    /** Resolved once: a property supplier may be asked more than once, and must name the same database. */
    private static final String MONGO_URI = TestMongo.freshDatabaseUri();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("ledger.mongodb.uri", () -> MONGO_URI);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class PinnedClock {
        @Bean
        @Primary
        Clock pinnedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    protected static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MongoDatabase database;

    protected EventLog eventLog() {
        return new EventLog(database);
    }

    /** Requests as the given demo user (HTTP Basic, password {@code <name>-demo}); see {@link DemoUsers}. */
    protected Caller as(String username) {
        return new Caller(DemoUsers.basicAuth(username));
    }

    /** Requests with no credentials at all. */
    protected Caller anonymous() {
        return new Caller(null);
    }

    /** Requests with this exact {@code Authorization} header value (e.g. a bearer token or a wrong password). */
    protected Caller withAuthorization(String authorization) {
        return new Caller(authorization);
    }

    /**
     * POSTs JSON without credentials (as {@link #anonymous()}); act as a user with {@code as(AGENT).post(...)}.
     * {@code headers} are name/value pairs. A {@code null} body sends no body and no content type.
     */
    protected Response post(String path, String body, String... headers) {
        return anonymous().post(path, body, headers);
    }

    protected Response get(String path) {
        return anonymous().get(path);
    }

    /** One caller's view of the running app: every request carries its {@code Authorization} header, if any. */
    public final class Caller {

        private final String authorization;

        private Caller(String authorization) {
            this.authorization = authorization;
        }

        /** POSTs JSON; {@code headers} are name/value pairs. A {@code null} body sends no body and no content type. */
        public Response post(String path, String body, String... headers) {
            HttpRequest.Builder request = request(path, headers);
            if (body == null) {
                request.POST(HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            }
            return send(request.build());
        }

        public Response postWithContentType(String path, String contentType, String body) {
            return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        public Response get(String path) {
            return send(request(path).GET().build());
        }

        /** POSTs JSON of unknown length: chunked, without {@code Content-Length}. */
        public Response postChunked(String path, byte[] body) {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        }

        private HttpRequest.Builder request(String path, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return request;
        }
    }

    private static Response send(HttpRequest request) {
        try {
            return new Response(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (" + raw.statusCode() + "): " + raw.body(), e);
            }
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
