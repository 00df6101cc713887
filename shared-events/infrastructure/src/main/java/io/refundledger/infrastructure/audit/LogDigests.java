package io.refundledger.infrastructure.audit;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.eventstore.CommitHasher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Signed digests of the commit log's head. A digest kept outside the system pins the history up to its head:
 * {@link #verify(SignedDigest)} later shows that nothing up to there was changed or removed, which the hash
 * chain alone cannot show for the newest commits.
 */
public class LogDigests {

    /** Version tag that starts the signed content, so the format can evolve without ambiguity. */
    static final String CONTENT_VERSION = "refund-ledger-digest/v1";
    static final String SIGNED_CONTENT_FORMAT = "UTF-8 lines joined by \\n: " + CONTENT_VERSION
            + ", headPosition:<decimal>, headHash:<hex>, createdAt:<ISO-8601 instant>, algorithm:Ed25519, keyId:<hex>";

    private final HashChainVerifier verifier;
    private final Supplier<DigestSigningKey> key;
    private final Clock clock;

    /** The head of the last verification that held: later digests only verify what was appended since. */
    private long verifiedPosition;
    private String verifiedHash = CommitHasher.GENESIS;

    /**
     * @param signingKeyFile   a configured Ed25519 PKCS#8 key, or {@code null} to use (and on first use create)
     *                         {@code generatedKeyFile}
     * @param generatedKeyFile where a generated key is kept
     */
    public static LogDigests create(HashChainVerifier verifier, Path signingKeyFile, Path generatedKeyFile, Clock clock) {
        return new LogDigests(verifier, () -> DigestSigningKey.load(signingKeyFile, generatedKeyFile), clock);
    }

    LogDigests(HashChainVerifier verifier, Supplier<DigestSigningKey> key, Clock clock) {
        this.verifier = verifier;
        this.key = memoize(key);
        this.clock = clock;
    }

    /**
     * A digest of the log's head now, signed. The log is verified first (incrementally after the first time),
     * because signing a broken chain would certify the tampering.
     *
     * @throws DomainException {@code AUDIT_LOG_NOT_INTACT} (409) when the chain is broken
     */
    public SignedDigest current() {
        ChainVerification verification;
        synchronized (this) {
            verification = verifier.verifyAfter(verifiedPosition, verifiedHash);
            if (!verification.intact()) {
                BrokenLink broken = verification.firstBrokenLink();
                throw DomainException.conflict("AUDIT_LOG_NOT_INTACT", "The event log is not intact (" + broken.kind()
                        + " at position " + broken.position() + "), so no digest is signed: " + broken.detail());
            }
            verifiedPosition = verification.headPosition();
            verifiedHash = verification.headHash();
        }
        DigestSigningKey signingKey = key.get();
        SignedDigest unsigned = new SignedDigest(verification.headPosition(), verification.headHash(), clock.instant(),
                DigestSigningKey.ALGORITHM, signingKey.keyId(), null);
        String signature = Base64.getEncoder().encodeToString(signingKey.sign(signedContent(unsigned)));
        return new SignedDigest(unsigned.headPosition(), unsigned.headHash(), unsigned.createdAt(), unsigned.algorithm(),
                unsigned.keyId(), signature);
    }

    /**
     * Checks a kept digest: its signature is ours, the log up to its head still verifies and still holds its
     * head hash at its head position; counts the commits appended since.
     *
     * @throws DomainException {@code AUDIT_DIGEST_INCOMPLETE} (400) when a field is missing
     */
    public DigestVerification verify(SignedDigest kept) {
        requireComplete(kept);
        DigestSigningKey signingKey = key.get();
        boolean signatureValid = DigestSigningKey.ALGORITHM.equals(kept.algorithm())
                && signingKey.keyId().equals(kept.keyId())
                && signatureMatches(signingKey, kept);

        long keptHead = kept.headPosition();
        String[] hashAtKept = {keptHead == 0 ? CommitHasher.GENESIS : null};
        long[] appendedSince = {0};
        ChainVerification now = verifier.verifyLog((first, last, hash) -> {
            if (last == keptHead) {
                hashAtKept[0] = hash;
            }
            if (first > keptHead) {
                appendedSince[0]++;
            }
        });

        String conclusion;
        boolean historyUnchanged = false;
        BrokenLink broken = now.firstBrokenLink();
        if (broken != null && broken.position() <= keptHead) {
            conclusion = "The history up to position " + keptHead + " was changed: " + broken.kind() + " at position "
                    + broken.position() + ".";
        } else if (now.headPosition() < keptHead) {
            conclusion = "The log now ends at position " + now.headPosition() + ", before the kept head " + keptHead
                    + ": its newest commits were removed.";
        } else if (hashAtKept[0] == null) {
            conclusion = "No commit ends at position " + keptHead + " any more: the commits around it were rewritten.";
        } else if (!hashAtKept[0].equals(kept.headHash())) {
            conclusion = "The log holds a different hash at position " + keptHead + ": the history up to it was rewritten.";
        } else {
            historyUnchanged = true;
            conclusion = "The history up to position " + keptHead + " is unchanged; " + appendedSince[0]
                    + " commit(s) were appended since" + (now.intact() ? "." : ", but a later commit is broken.");
        }
        if (!signatureValid) {
            conclusion = "The digest's signature does not verify with this system's key " + signingKey.keyId()
                    + ", so it proves nothing. " + conclusion;
        }
        return new DigestVerification(signatureValid && historyUnchanged, signatureValid, historyUnchanged, keptHead,
                kept.headHash(), hashAtKept[0], now.headPosition(), appendedSince[0], now.intact(), broken, conclusion);
    }

    /** The key that checks digests outside the system. */
    public DigestPublicKey publicKey() {
        DigestSigningKey signingKey = key.get();
        return new DigestPublicKey(DigestSigningKey.ALGORITHM, signingKey.keyId(), signingKey.publicKeyPem(),
                SIGNED_CONTENT_FORMAT);
    }

    /** The exact bytes the signature covers: every field of the digest but the signature, one per line. */
    public static byte[] signedContent(SignedDigest digest) {
        String content = String.join("\n",
                CONTENT_VERSION,
                "headPosition:" + digest.headPosition(),
                "headHash:" + digest.headHash(),
                "createdAt:" + digest.createdAt(),
                "algorithm:" + digest.algorithm(),
                "keyId:" + digest.keyId());
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean signatureMatches(DigestSigningKey key, SignedDigest kept) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(kept.signature());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return key.verify(signedContent(kept), signature);
    }

    private static void requireComplete(SignedDigest kept) {
        if (kept == null) {
            throw DomainException.invalid("AUDIT_DIGEST_INCOMPLETE", null, "A kept digest is required");
        }
        requireField(kept.headHash(), "headHash");
        requireField(kept.createdAt(), "createdAt");
        requireField(kept.algorithm(), "algorithm");
        requireField(kept.keyId(), "keyId");
        requireField(kept.signature(), "signature");
        if (kept.headPosition() < 0) {
            throw DomainException.invalid("AUDIT_DIGEST_INCOMPLETE", "headPosition", "headPosition cannot be negative");
        }
    }

    private static void requireField(Object value, String field) {
        if (value == null || value.toString().isBlank()) {
            throw DomainException.invalid("AUDIT_DIGEST_INCOMPLETE", field, "The kept digest has no " + field);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        result = value;
                    }
                }
                return result;
            }
        };
    }
}
