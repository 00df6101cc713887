package io.refundledger.infrastructure.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of tamper evidence, under {@code ledger.audit}.
 *
 * @param signingKeyFile    an Ed25519 private key (PKCS#8, PEM or DER) that signs digests; when unset, a key is
 *                          generated on first use and kept in {@code generatedKeyFile}
 * @param generatedKeyFile  where the generated key lives: a local file beside the embedded database's data,
 *                          never in the event store (default {@code data/audit/digest-signing-key.pem})
 * @param verifyBatchSize   candidate commit starts asked for per lookup while walking the log (default 500)
 */
@ConfigurationProperties(prefix = "ledger.audit")
public record LedgerAuditProperties(String signingKeyFile, String generatedKeyFile, Integer verifyBatchSize) {

    public static final String DEFAULT_GENERATED_KEY_FILE = "data/audit/digest-signing-key.pem";

    public LedgerAuditProperties {
        if (signingKeyFile != null && signingKeyFile.isBlank()) {
            signingKeyFile = null;
        }
        if (generatedKeyFile == null || generatedKeyFile.isBlank()) {
            generatedKeyFile = DEFAULT_GENERATED_KEY_FILE;
        }
        if (verifyBatchSize == null) {
            verifyBatchSize = 500;
        }
        if (verifyBatchSize < 1) {
            throw new IllegalArgumentException("ledger.audit.verify-batch-size must be at least 1");
        }
    }
}
