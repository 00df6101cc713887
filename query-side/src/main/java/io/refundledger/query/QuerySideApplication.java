package io.refundledger.query;

import io.refundledger.infrastructure.config.LedgerInfrastructureConfiguration;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The query side: tails the event store into read models and answers questions about them over HTTP. */
@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "refund-ledger query side", version = "0.1.0",
        description = "Refund progress and other read models, rebuilt from the event store."),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")})
// Basic with the configured users in the embedded default; a JWT bearer token when ledger.security.mode=jwt.
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@Import(LedgerInfrastructureConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        // Axon's update checker would phone home on start-up; respect an explicit setting if one is given.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
