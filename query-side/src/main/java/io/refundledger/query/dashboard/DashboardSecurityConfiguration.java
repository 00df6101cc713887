package io.refundledger.query.dashboard;

import io.refundledger.infrastructure.security.ApiSecurityCustomizer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Set;

/**
 * Sign-in for the dashboard: a form and a session for the pages, on top of the shared API security, which keeps
 * answering HTTP Basic or JWT and 401/403 problem documents exactly as before.
 *
 * <ul>
 *   <li>Pages (everything outside {@code /api}, the actuator and the API docs) have their own chain: anonymous
 *       visitors are sent to {@code /login.html}, the form posts to {@code /login}, {@code POST /logout} ends the
 *       session.</li>
 *   <li>The API chain additionally reads (never creates) that session, so the pages' same-origin calls need no
 *       credentials of their own; an API call without a session or credentials still gets the 401 problem.</li>
 *   <li>CSRF: the token is in the readable cookie {@code XSRF-TOKEN} (double submit); the pages send it as
 *       {@code X-XSRF-TOKEN} or as the form field {@code _csrf}. Required for the login and logout posts and for an
 *       unsafe API call that rides on a session cookie; API clients that send their own credentials are not
 *       cookie-borne and need none.</li>
 * </ul>
 *
 * Basic mode only: in jwt mode there are no local accounts to sign in with, and the pages stay closed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.security.mode", havingValue = "basic", matchIfMissing = true)
public class DashboardSecurityConfiguration {

    static final String LOGIN_PAGE = "/login.html";
    /** What the sign-in page itself needs before anyone is signed in. */
    private static final String[] OPEN_ASSETS = {LOGIN_PAGE, "/dashboard/app.css", "/dashboard/i18n.js",
            "/dashboard/login.js", "/favicon.ico"};
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** One token store for both chains, so a token issued with a page is accepted by the API too. */
    private final CookieCsrfTokenRepository csrfTokens = csrfTokens();

    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookiePath("/");
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return tokens;
    }

    @Bean
    @Order(1)
    public SecurityFilterChain dashboardPagesSecurityFilterChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher notPages = new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/actuator/**"),
                paths.matcher("/v3/api-docs/**"));
        // The plain handler: the token travels as is (cookie to header or field), as double submit needs.
        CsrfTokenRequestAttributeHandler plainTokens = new CsrfTokenRequestAttributeHandler();
        http.securityMatcher(new NegatedRequestMatcher(notPages))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(plainTokens))
                // Spring issues tokens lazily; touching it on every page response makes sure the cookie is there.
                .addFilterAfter(issueCsrfCookie(), CsrfFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                // Every page is the one single-page app: after sign-in always go to its start.
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.loginPage(LOGIN_PAGE).loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", true).failureUrl(LOGIN_PAGE + "?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout")
                        .deleteCookies("JSESSIONID").invalidateHttpSession(true))
                .httpBasic(basic -> basic.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE))
                        .accessDeniedHandler(new CsrfAwareAccessDeniedHandler()))
                .authorizeHttpRequests(authorize -> {
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    for (String open : OPEN_ASSETS) {
                        authorize.requestMatchers(paths.matcher(open)).permitAll();
                    }
                    // Static files only: what a user may see is decided by the API the pages call.
                    authorize.anyRequest().authenticated();
                });
        return http.build();
    }

    /** Adds the dashboard's session to the shared API chain, with CSRF protection for calls that rely on it. */
    @Bean
    public ApiSecurityCustomizer dashboardSessionOnTheApi() {
        CsrfTokenRequestAttributeHandler plainTokens = new CsrfTokenRequestAttributeHandler();
        return http -> http
                // NEVER: use a session the sign-in form created, never create one for an API call.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(plainTokens)
                        .requireCsrfProtectionMatcher(DashboardSecurityConfiguration::ridesOnASession))
                .exceptionHandling(e -> e.accessDeniedHandler(new CsrfAwareAccessDeniedHandler()));
    }

    /** An unsafe call that brings no credentials of its own but a session cookie: the kind a forged page can send. */
    static boolean ridesOnASession(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod())
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getRequestedSessionId() != null;
    }

    private static Filter issueCsrfCookie() {
        return (request, response, chain) -> {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        };
    }
}
