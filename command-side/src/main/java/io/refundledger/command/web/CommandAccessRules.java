package io.refundledger.command.web;

import io.refundledger.infrastructure.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.refundledger.infrastructure.security.LedgerRole.ADMIN;
import static io.refundledger.infrastructure.security.LedgerRole.CUSTOMER_SERVICE;
import static io.refundledger.infrastructure.security.LedgerRole.FINANCE;
import static io.refundledger.infrastructure.security.LedgerRole.REVIEWER;

/**
 * Who may send which command over HTTP. Checked before routing, so every row holds even before its endpoint
 * exists; anything not listed is denied (health and API docs are public on every app). Rules about the
 * particular application (four eyes, the assigned reviewer) are the aggregate's business, not this table's.
 */
@Configuration(proxyBeanMethods = false)
public class CommandAccessRules {

    @Bean
    public AccessRules commandSideAccessRules() {
        return AccessRules.builder()
                // Customer service acts on the customer's behalf.
                .post("/api/refunds", CUSTOMER_SERVICE)
                .post("/api/refunds/*/resubmit", CUSTOMER_SERVICE)
                .post("/api/refunds/*/information", CUSTOMER_SERVICE)
                .post("/api/refunds/*/withdraw", CUSTOMER_SERVICE)
                .post("/api/refunds/*/return-shipment", CUSTOMER_SERVICE)
                .post("/api/refunds/*/return-receipt", CUSTOMER_SERVICE)
                .post("/api/refunds/*/replacement-shipment", CUSTOMER_SERVICE)
                .post("/api/refunds/*/rating", CUSTOMER_SERVICE)
                // Review.
                .post("/api/refunds/*/assign", REVIEWER, ADMIN)
                .post("/api/refunds/*/information-request", REVIEWER)
                .post("/api/refunds/*/approve", REVIEWER)
                .post("/api/refunds/*/second-approval", FINANCE)
                .post("/api/refunds/*/reject", REVIEWER, FINANCE)
                .post("/api/refunds/*/inspection", REVIEWER)
                // Money out.
                .post("/api/refunds/*/payouts", FINANCE)
                .post("/api/refunds/*/payouts/*/success", FINANCE)
                .post("/api/refunds/*/payouts/*/failure", FINANCE)
                // Subscriptions (退订). Customer service acts for the customer; the steps before termination are run by the
                // cancellation process manager, and by operations by hand when an external system reports late.
                .post("/api/subscriptions", CUSTOMER_SERVICE, ADMIN)
                .post("/api/subscriptions/*/renewal", CUSTOMER_SERVICE, ADMIN)
                .post("/api/subscriptions/*/auto-renewal", CUSTOMER_SERVICE)
                .post("/api/subscriptions/*/seats", CUSTOMER_SERVICE)
                .post("/api/subscriptions/*/cancellation", CUSTOMER_SERVICE)
                .post("/api/subscriptions/*/cancellation/revocation", CUSTOMER_SERVICE)
                .post("/api/subscriptions/*/data-export", CUSTOMER_SERVICE, ADMIN)
                .post("/api/subscriptions/*/data-export/*/completion", ADMIN)
                .post("/api/subscriptions/*/accounts/deactivation", ADMIN)
                .post("/api/subscriptions/*/termination", ADMIN)
                // Operations: demo-data generation and other admin tasks.
                .any("/api/admin/**", ADMIN)
                .build();
    }
}
