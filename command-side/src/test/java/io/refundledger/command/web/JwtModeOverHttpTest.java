package io.refundledger.command.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.DemoUsers;
import io.refundledger.command.testing.Submissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production mode ({@code ledger.security.mode=jwt}): the app is an OAuth2 resource server that trusts tokens
 * signed by the identity provider's key (here a key made up by the test and handed over through Spring's
 * standard {@code public-key-location} setting; no network). Name and roles come from the token's claims;
 * the demo users do not exist.
 */
class JwtModeOverHttpTest extends CommandSideSpringTest {

    private static final KeyPair TRUSTED = rsaKeyPair();
    private static final KeyPair STRANGER = rsaKeyPair();
    private static final Path PUBLIC_KEY = publicKeyPem(TRUSTED);

    @DynamicPropertySource
    static void jwtMode(DynamicPropertyRegistry registry) {
        registry.add("ledger.security.mode", () -> "jwt");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> PUBLIC_KEY.toUri().toString());
    }

    @Autowired
    ApplicationContext context;

    @Test
    void aTokenSignedByTheTrustedKeyActsAsItsSubjectWithItsRoles() {
        String token = token(TRUSTED, "li.wei", List.of("CUSTOMER_SERVICE"), Instant.now().plusSeconds(300));

        Response response = bearer(token).post("/api/refunds", Submissions.valid(), "X-Request-Id", "req-jwt-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode metaData = eventLog().eventsOf(response.json().path("applicationId").asText()).get(0).metaData();
        assertThat(metaData.path("actor").asText()).isEqualTo("li.wei");
        assertThat(metaData.path("actorRoles").asText()).isEqualTo("CUSTOMER_SERVICE");
    }

    @Test
    void rolesMayComeAsOneSpaceSeparatedStringAndWithThePrefix() {
        String id = Submissions.submitted(bearer(token(TRUSTED, "li.wei", List.of("CUSTOMER_SERVICE"), Instant.now().plusSeconds(300))));
        String reviewer = tokenWithRoleText(TRUSTED, "zhang.min", "ROLE_REVIEWER AUDITOR");

        Response response = bearer(reviewer).post("/api/refunds/" + id + "/reject", "{\"reason\":\"outside the window\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode metaData = eventLog().eventsWithMetaData("actor", "zhang.min").get(0).metaData();
        assertThat(metaData.path("actorRoles").asText()).isEqualTo("REVIEWER,AUDITOR");
    }

    @Test
    void aValidTokenWithoutTheRoleIsForbidden() {
        long commitsBefore = eventLog().commitCount();

        Response response = bearer(token(TRUSTED, "auditor.zhao", List.of("AUDITOR", "SUPERUSER"), Instant.now().plusSeconds(300)))
                .post("/api/refunds", Submissions.valid());

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    @Test
    void aTokenSignedByAnyOtherKeyIsUnauthenticated() {
        assertUnauthenticated(bearer(token(STRANGER, "li.wei", List.of("CUSTOMER_SERVICE"), Instant.now().plusSeconds(300))));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        assertUnauthenticated(bearer(token(TRUSTED, "li.wei", List.of("CUSTOMER_SERVICE"), Instant.now().minusSeconds(600))));
    }

    @Test
    void noTokenOrATamperedOneIsUnauthenticated() {
        String token = token(TRUSTED, "li.wei", List.of("AUDITOR"), Instant.now().plusSeconds(300));
        String[] parts = token.split("\\.");
        String claimsWithMoreRoles = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("AUDITOR", "CUSTOMER_SERVICE").getBytes());

        assertUnauthenticated(anonymous());
        assertUnauthenticated(bearer(parts[0] + "." + claimsWithMoreRoles + "." + parts[2]));
        assertUnauthenticated(bearer("not-a-jwt"));
    }

    @Test
    void theDemoUsersDoNotExist() {
        assertUnauthenticated(as(AGENT));
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    }

    private void assertUnauthenticated(Caller caller) {
        long commitsBefore = eventLog().commitCount();

        Response response = caller.post("/api/refunds", Submissions.valid());

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    private Caller bearer(String token) {
        return withAuthorization("Bearer " + token);
    }

    private static String token(KeyPair key, String subject, List<String> roles, Instant expiresAt) {
        return sign(key, new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .issueTime(Date.from(expiresAt.minusSeconds(600))).expirationTime(Date.from(expiresAt)).build());
    }

    private static String tokenWithRoleText(KeyPair key, String subject, String roles) {
        Instant now = Instant.now();
        return sign(key, new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
    }

    private static String sign(KeyPair key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyPem(KeyPair key) {
        try {
            Path file = Files.createTempFile("ledger-jwt-test", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
