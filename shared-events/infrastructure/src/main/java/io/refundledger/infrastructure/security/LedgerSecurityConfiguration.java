package io.refundledger.infrastructure.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.time.Clock;
import java.time.Duration;

/**
 * Security shared by both apps: stateless, no CSRF (no cookies, no sessions: credentials come with every
 * request), HTTP Basic against configured users or JWT bearer tokens, 401/403 as problem documents, and the
 * app's own {@link AccessRules} table. Imported through {@code LedgerInfrastructureConfiguration}; each app
 * only declares its {@link AccessRules} bean, and may adjust the chain with {@link ApiSecurityCustomizer} beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(LedgerSecurityProperties.class)
public class LedgerSecurityConfiguration {

    /** Open to anyone on every app: load balancers and API clients need them without an account. */
    public static final String[] PUBLIC_PATHS = {"/actuator/health/**", "/v3/api-docs/**"};

    /** bcrypt, with successful checks remembered for a minute: Basic sends the password with every request. */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new VerifiedCredentialsCache(new BCryptPasswordEncoder(), Duration.ofMinutes(1), Clock.systemUTC());
    }

    /** Basic mode only: in jwt mode no local accounts exist, so the demo users cannot be used to sign in. */
    @Bean
    @ConditionalOnProperty(name = "ledger.security.mode", havingValue = "basic", matchIfMissing = true)
    public InMemoryUserDetailsManager ledgerUsers(LedgerSecurityProperties properties) {
        return ConfiguredUsers.from(properties.users());
    }

    @Bean
    public SecurityFilterChain ledgerSecurityFilterChain(HttpSecurity http, LedgerSecurityProperties properties,
                                                         AccessRules accessRules,
                                                         ObjectProvider<JwtDecoder> jwtDecoder,
                                                         ObjectProvider<ApiSecurityCustomizer> customizers) throws Exception {
        ProblemAuthenticationEntryPoint unauthenticated = new ProblemAuthenticationEntryPoint(properties.mode());
        ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(authorize -> {
                    // The error page only renders an error that already happened to an allowed request.
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    for (String open : PUBLIC_PATHS) {
                        authorize.requestMatchers(paths.matcher(HttpMethod.GET, open)).permitAll();
                    }
                    for (AccessRules.Rule rule : accessRules.rules()) {
                        authorize.requestMatchers(rule.method() == null ? paths.matcher(rule.pattern())
                                : paths.matcher(rule.method(), rule.pattern())).hasAnyRole(rule.roleNames());
                    }
                    // Deny by default: a new endpoint is closed until its row is added to the table.
                    authorize.anyRequest().denyAll();
                });

        if (properties.mode() == LedgerSecurityProperties.Mode.JWT) {
            if (jwtDecoder.getIfAvailable() == null) {
                throw new IllegalStateException("ledger.security.mode=jwt needs a token verifier: set "
                        + "spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or public-key-location");
            }
            http.httpBasic(basic -> basic.disable())
                    .oauth2ResourceServer(server -> server
                            .authenticationEntryPoint(unauthenticated)
                            .accessDeniedHandler(forbidden)
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtRolesConverter(properties.jwt()))));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
        }
        for (ApiSecurityCustomizer customizer : customizers.orderedStream().toList()) {
            customizer.customize(http);
        }
        return http.build();
    }
}
