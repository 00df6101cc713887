package io.refundledger.infrastructure.audit;

/**
 * The key that checks digests outside the system, e.g. with {@code openssl pkeyutl -verify -pubin -rawin}.
 *
 * @param algorithm           {@code Ed25519}
 * @param keyId               the id digests name ({@link SignedDigest#keyId()}): hex of the first 8 bytes of the
 *                            SHA-256 of the X.509 encoding
 * @param publicKeyPem        the X.509 SubjectPublicKeyInfo as PEM
 * @param signedContentFormat how the signed bytes are built from a digest
 */
public record DigestPublicKey(String algorithm, String keyId, String publicKeyPem, String signedContentFormat) {
}
