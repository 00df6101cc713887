package io.refundledger.infrastructure.audit;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Tamper evidence in both apps: the hash-chain verifier and signed log digests. The signing key is loaded
 * (or generated) on first use, so an app that never signs never touches the key file.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerAuditProperties.class)
public class AuditConfiguration {

    @Bean
    public HashChainVerifier hashChainVerifier(MongoDatabase database, LedgerAuditProperties properties) {
        return new HashChainVerifier(database, properties.verifyBatchSize());
    }

    @Bean
    public LogDigests logDigests(HashChainVerifier verifier, LedgerAuditProperties properties, ObjectProvider<Clock> clock) {
        return LogDigests.create(verifier,
                properties.signingKeyFile() == null ? null : Path.of(properties.signingKeyFile()),
                Path.of(properties.generatedKeyFile()),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
