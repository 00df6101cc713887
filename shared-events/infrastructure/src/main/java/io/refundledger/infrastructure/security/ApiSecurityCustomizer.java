package io.refundledger.infrastructure.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Lets one app add to the shared API filter chain of {@link LedgerSecurityConfiguration} without copying it: applied
 * after the shared settings, in bean order. The query side uses it so its dashboard's signed-in session is also
 * accepted by the API the pages read (the command side declares none and stays purely stateless).
 */
@FunctionalInterface
public interface ApiSecurityCustomizer {

    void customize(HttpSecurity http) throws Exception;
}
