package io.refundledger.query.security;

import io.refundledger.infrastructure.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.refundledger.infrastructure.security.LedgerRole.ADMIN;
import static io.refundledger.infrastructure.security.LedgerRole.AUDITOR;
import static io.refundledger.infrastructure.security.LedgerRole.CUSTOMER_SERVICE;
import static io.refundledger.infrastructure.security.LedgerRole.FINANCE;
import static io.refundledger.infrastructure.security.LedgerRole.REVIEWER;

/**
 * Who may read what. Checked before routing, so a row holds even before its endpoint exists; anything not
 * listed is denied (health and API docs are public on every app).
 */
@Configuration(proxyBeanMethods = false)
public class QueryAccessRules {

    @Bean
    public AccessRules querySideAccessRules() {
        return AccessRules.builder()
                // Who is signed in, for the dashboard's navigation.
                .get("/api/me", CUSTOMER_SERVICE, REVIEWER, FINANCE, AUDITOR, ADMIN)
                .get("/api/refunds/**", CUSTOMER_SERVICE, REVIEWER, FINANCE, AUDITOR, ADMIN)
                .get("/api/orders/**", CUSTOMER_SERVICE, REVIEWER, FINANCE, AUDITOR, ADMIN)
                // Money in aggregate is for finance and oversight, not for case work.
                .get("/api/finance/**", FINANCE, AUDITOR, ADMIN)
                .get("/api/customers/*/balance", CUSTOMER_SERVICE, FINANCE, AUDITOR, ADMIN)
                .get("/api/subscriptions/**", CUSTOMER_SERVICE, REVIEWER, FINANCE, AUDITOR, ADMIN)
                .get("/api/customers/*/subscriptions", CUSTOMER_SERVICE, REVIEWER, FINANCE, AUDITOR, ADMIN)
                // Dashboards: management-level figures, for the people who run review, finance and oversight.
                .get("/api/analytics/**", REVIEWER, FINANCE, AUDITOR, ADMIN)
                // Staff performance: the reviewers' own and their leads' business, and oversight's.
                .get("/api/kpis/**", REVIEWER, FINANCE, AUDITOR, ADMIN)
                .get("/api/audit/subscriptions/**", AUDITOR, ADMIN)
                // Operations (e.g. replaying a read model) may change things: every method, admins only.
                .any("/api/admin/**", ADMIN)
                // Audit trail for disputes (history, state as of, changes, dossier, access log): oversight only.
                .get("/api/audit/refunds/**", AUDITOR, ADMIN)
                .get("/api/audit/customers/**", AUDITOR, ADMIN)
                .get("/api/audit/access-log", AUDITOR, ADMIN)
                // Tamper evidence (hash-chain verification, signed digests of the log's head): oversight only.
                .get("/api/audit/integrity", AUDITOR, ADMIN)
                .get("/api/audit/integrity/aggregates/*", AUDITOR, ADMIN)
                .post("/api/audit/digests", AUDITOR, ADMIN)
                .post("/api/audit/digests/verify", AUDITOR, ADMIN)
                .get("/api/audit/digests/public-key", AUDITOR, ADMIN)
                .build();
    }
}
