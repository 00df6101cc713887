package io.refundledger.infrastructure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. Both apps read the same setting, {@code ledger.mongodb.uri}, which defaults to the
 * {@code MONGODB_URI} environment variable and then to the embedded default on 127.0.0.1:27017.
 *
 * @param uri            a {@code mongodb://} connection string; its path names the database
 * @param database       the database used when the URI names none
 * @param tokenClaimTimeout how long a processor's claim on a segment lasts without being extended
 * @param nodeId         who this instance is when it claims a segment (the token's owner); unique per running
 *                       instance, since two instances with one id would both hold the same segment. Default: the
 *                       JVM's {@code pid@host}
 */
@ConfigurationProperties(prefix = "ledger.mongodb")
public record LedgerMongoProperties(String uri, String database, java.time.Duration tokenClaimTimeout, String nodeId) {

    public LedgerMongoProperties {
        if (uri == null || uri.isBlank()) {
            uri = "mongodb://127.0.0.1:27017/refundledger";
        }
        if (database == null || database.isBlank()) {
            database = "refundledger";
        }
        if (tokenClaimTimeout == null) {
            tokenClaimTimeout = java.time.Duration.ofSeconds(10);
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
