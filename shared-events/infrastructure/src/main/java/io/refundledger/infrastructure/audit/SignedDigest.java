package io.refundledger.infrastructure.audit;

import java.time.Instant;

/**
 * A signed statement "at {@code createdAt} the verified log ended at {@code headPosition} with hash
 * {@code headHash}". Kept outside the system (e-mailed, filed with a dispute), it later proves whether the
 * history up to that point is unchanged, including that no newest commit was deleted. The signature covers
 * {@link LogDigests#signedContent(SignedDigest)}; check it with the key from {@link LogDigests#publicKey()}.
 *
 * @param signature base64 of the Ed25519 signature
 */
public record SignedDigest(long headPosition, String headHash, Instant createdAt, String algorithm, String keyId,
                           String signature) {
}
