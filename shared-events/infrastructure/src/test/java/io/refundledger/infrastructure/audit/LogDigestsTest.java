package io.refundledger.infrastructure.audit;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.eventstore.CommitHasher;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed digests of the log's head: exported, kept outside, and checked against the log later. */
class LogDigestsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");

    @TempDir
    Path keys;

    private final AuditTestLog log = new AuditTestLog();
    private LogDigests digests;

    @AfterEach
    void dropDatabase() {
        log.close();
    }

    private LogDigests digests() {
        if (digests == null) {
            digests = LogDigests.create(log.verifier(), null, keys.resolve("audit/digest-signing-key.pem"),
                    Clock.fixed(NOW, ZoneOffset.UTC));
        }
        return digests;
    }

    @Test
    void aDigestNamesTheVerifiedHeadAndIsSignedWithTheKeyThatIsPublished() throws Exception {
        log.appendAlternating(5);

        SignedDigest digest = digests().current();
        DigestPublicKey published = digests().publicKey();

        assertThat(digest.headPosition()).isEqualTo(5);
        assertThat(digest.headHash()).isEqualTo(log.commit(5).getString("hash"));
        assertThat(digest.createdAt()).isEqualTo(NOW);
        assertThat(digest.algorithm()).isEqualTo("Ed25519");
        assertThat(digest.keyId()).isEqualTo(published.keyId());
        // Checkable outside the system with nothing but the published PEM and the documented content.
        assertThat(verifiesWithPem(published.publicKeyPem(), LogDigests.signedContent(digest), digest.signature())).isTrue();
        assertThat(new String(LogDigests.signedContent(digest), StandardCharsets.UTF_8)).isEqualTo(
                "refund-ledger-digest/v1\nheadPosition:5\nheadHash:" + digest.headHash()
                        + "\ncreatedAt:2026-11-23T08:30:00Z\nalgorithm:Ed25519\nkeyId:" + digest.keyId());
    }

    @Test
    void aDigestOfAnEmptyLogNamesTheGenesis() {
        SignedDigest digest = digests().current();

        assertThat(digest.headPosition()).isZero();
        assertThat(digest.headHash()).isEqualTo(CommitHasher.GENESIS);
        assertThat(digests().verify(digest).valid()).isTrue();
    }

    @Test
    void aKeptDigestVerifiesAndCountsTheCommitsAppendedSince() {
        log.appendAlternating(4);
        SignedDigest kept = digests().current();
        log.appendAlternating(3);

        DigestVerification result = digests().verify(kept);

        assertThat(result.valid()).isTrue();
        assertThat(result.signatureValid()).isTrue();
        assertThat(result.historyUnchanged()).isTrue();
        assertThat(result.logIntact()).isTrue();
        assertThat(result.hashAtKeptPosition()).isEqualTo(kept.headHash());
        assertThat(result.commitsAppendedSince()).isEqualTo(3);
        assertThat(result.currentHeadPosition()).isEqualTo(7);
        assertThat(result.conclusion()).isEqualTo("The history up to position 4 is unchanged; 3 commit(s) were appended since.");
    }

    @Test
    void aDigestWithAChangedHeadHashOrSignatureDoesNotVerify() {
        log.appendAlternating(4);
        SignedDigest kept = digests().current();
        String otherHash = log.commit(3).getString("hash");
        byte[] signature = Base64.getDecoder().decode(kept.signature());
        signature[10] ^= 1;

        DigestVerification changedHash = digests().verify(new SignedDigest(3, otherHash, kept.createdAt(),
                kept.algorithm(), kept.keyId(), kept.signature()));
        DigestVerification changedSignature = digests().verify(new SignedDigest(kept.headPosition(), kept.headHash(),
                kept.createdAt(), kept.algorithm(), kept.keyId(), Base64.getEncoder().encodeToString(signature)));
        DigestVerification notBase64 = digests().verify(new SignedDigest(kept.headPosition(), kept.headHash(),
                kept.createdAt(), kept.algorithm(), kept.keyId(), "not a signature!"));

        // The moved head (3, hash of 3) is even consistent with the log: only the signature gives it away.
        assertThat(changedHash.historyUnchanged()).isTrue();
        assertThat(changedHash.signatureValid()).isFalse();
        assertThat(changedHash.valid()).isFalse();
        assertThat(changedSignature.signatureValid()).isFalse();
        assertThat(changedSignature.valid()).isFalse();
        assertThat(notBase64.valid()).isFalse();
        assertThat(changedSignature.conclusion()).startsWith("The digest's signature does not verify");
    }

    @Test
    void aDigestSignedByAnotherKeyDoesNotVerify() {
        log.appendAlternating(2);
        LogDigests elsewhere = LogDigests.create(log.verifier(), null, keys.resolve("other/key.pem"), Clock.systemUTC());
        SignedDigest foreign = elsewhere.current();

        DigestVerification result = digests().verify(foreign);

        assertThat(result.signatureValid()).isFalse();
        assertThat(result.historyUnchanged()).isTrue();
        assertThat(result.valid()).isFalse();
    }

    @Test
    void aDigestKeptBeforeAnAlterationFailsAfterwards() {
        log.appendAlternating(6);
        SignedDigest kept = digests().current();
        log.set(2, "events.0.payload", "{\"aggregateId\":\"b\",\"sequence\":0,\"note\":\"forged\"}");

        DigestVerification result = digests().verify(kept);

        assertThat(result.valid()).isFalse();
        assertThat(result.signatureValid()).isTrue();
        assertThat(result.historyUnchanged()).isFalse();
        assertThat(result.firstBrokenLink().kind()).isEqualTo(BreakKind.ALTERED);
        assertThat(result.firstBrokenLink().position()).isEqualTo(2);
    }

    @Test
    void deletingTheLastCommitIsCaughtByADigestKeptBeforeIt() {
        log.appendAlternating(6);
        SignedDigest kept = digests().current();
        log.delete(6);

        DigestVerification result = digests().verify(kept);

        assertThat(log.verifier().verifyLog().intact()).as("the shorter chain is valid on its own").isTrue();
        assertThat(result.valid()).isFalse();
        assertThat(result.historyUnchanged()).isFalse();
        assertThat(result.currentHeadPosition()).isEqualTo(5);
        assertThat(result.hashAtKeptPosition()).isNull();
        assertThat(result.conclusion()).isEqualTo(
                "The log now ends at position 5, before the kept head 6: its newest commits were removed.");
    }

    @Test
    void rewritingTheWholeChainAfterAnAlterationIsCaughtByADigestKeptBeforeIt() {
        log.appendAlternating(6);
        SignedDigest kept = digests().current();
        // Alter commit 2 and re-hash it and everything after it: the chain is consistent again.
        String previous = log.commit(1).getString("hash");
        for (long p = 2; p <= 6; p++) {
            Document commit = log.commit(p);
            List<Document> events = new ArrayList<>(commit.getList("events", Document.class));
            if (p == 2) {
                events.get(0).put("metaData", "{\"actor\":\"someone-else\"}");
            }
            String hash = CommitHasher.hash(previous, p, commit.getString("committedAt"), events);
            log.set(p, "events", events);
            log.set(p, "previousHash", previous);
            log.set(p, "hash", hash);
            previous = hash;
        }

        DigestVerification result = digests().verify(kept);

        assertThat(log.verifier().verifyLog().intact()).as("a consistent rewrite passes the chain check").isTrue();
        assertThat(result.valid()).isFalse();
        assertThat(result.hashAtKeptPosition()).isEqualTo(previous).isNotEqualTo(kept.headHash());
        assertThat(result.conclusion()).contains("different hash at position 6");
    }

    @Test
    void digestsKeptAtDifferentTimesEachVerifyAndCountTheirOwnAppends() {
        log.appendAlternating(3);
        SignedDigest early = digests().current();
        log.appendAlternating(3);
        SignedDigest later = digests().current();
        log.appendAlternating(2);

        assertThat(digests().verify(early).valid()).isTrue();
        assertThat(digests().verify(later).valid()).isTrue();
        assertThat(digests().verify(later).commitsAppendedSince()).isEqualTo(2);
        assertThat(digests().verify(early).commitsAppendedSince()).isEqualTo(5);
    }

    @Test
    void anAlterationAfterTheKeptHeadLeavesTheKeptHistoryProvenButTheLogBroken() {
        log.appendAlternating(4);
        SignedDigest kept = digests().current();
        log.appendAlternating(3);
        log.set(6, "events.0.metaData", "{\"actor\":\"someone-else\"}");

        DigestVerification result = digests().verify(kept);

        assertThat(result.valid()).isTrue();
        assertThat(result.logIntact()).isFalse();
        assertThat(result.firstBrokenLink().position()).isEqualTo(6);
        assertThat(result.commitsAppendedSince()).as("only those that verified").isEqualTo(1);
        assertThat(result.conclusion()).endsWith("but a later commit is broken.");
    }

    @Test
    void noDigestIsSignedOverABrokenChain() {
        log.appendAlternating(4);
        log.set(3, "committedAt", "2020-01-01T00:00:00Z");

        assertThatThrownBy(() -> digests().current())
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("AUDIT_LOG_NOT_INTACT"))
                .hasMessageContaining("ALTERED at position 3");
    }

    @Test
    void aBreakAfterAnEarlierDigestIsNotSignedOverEither() {
        log.appendAlternating(4);
        digests().current();
        log.appendAlternating(2);
        log.set(6, "events.0.payload", "{}");

        assertThatThrownBy(() -> digests().current())
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("AUDIT_LOG_NOT_INTACT"));
    }

    @Test
    void anIncompleteDigestIsRejectedNamingTheField() {
        assertThatThrownBy(() -> digests().verify(new SignedDigest(1, "abc", NOW, "Ed25519", "k", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("AUDIT_DIGEST_INCOMPLETE");
                    assertThat(e.field()).isEqualTo("signature");
                });
    }

    @Test
    void theGeneratedKeyIsKeptInItsFileAndReusedAfterARestart() throws Exception {
        String firstKeyId = digests().publicKey().keyId();
        Path file = keys.resolve("audit/digest-signing-key.pem");

        LogDigests afterRestart = LogDigests.create(log.verifier(), null, file, Clock.systemUTC());

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(afterRestart.publicKey().keyId()).isEqualTo(firstKeyId);
        assertThat(afterRestart.verify(digests().current()).signatureValid()).isTrue();
    }

    @Test
    void aConfiguredPkcs8KeySignsInsteadOfAGeneratedOne() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path der = keys.resolve("configured.der");
        Files.write(der, pair.getPrivate().getEncoded());
        Path unused = keys.resolve("generated/never.pem");

        LogDigests configured = LogDigests.create(log.verifier(), der, unused, Clock.systemUTC());
        SignedDigest digest = configured.current();

        assertThat(configured.publicKey().publicKeyPem()).contains(
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded()));
        assertThat(verifies(pair.getPublic(), LogDigests.signedContent(digest), digest.signature())).isTrue();
        assertThat(Files.exists(unused)).isFalse();
    }

    private static boolean verifiesWithPem(String pem, byte[] content, String signature) throws Exception {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return verifies(key, content, signature);
    }

    private static boolean verifies(PublicKey key, byte[] content, String signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(content);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
