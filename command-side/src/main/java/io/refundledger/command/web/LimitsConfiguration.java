package io.refundledger.command.web;

import io.refundledger.infrastructure.security.ProblemResponses;
import io.refundledger.infrastructure.web.PathVariableLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The limits a public API needs ({@code ledger.limits.*}): body size, text lengths, path ids and a per-user rate.
 * Each is refused as a problem document before anything is parsed further or stored.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class LimitsConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PathVariableLimits(MaxLength.DEFAULT));
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(LimitsProperties limits) {
        return new BodySizeLimitFilter(limits);
    }

    @Bean
    Ticker rateLimitTicker() {
        return Ticker.system();
    }

    @Bean
    RateLimitFilter rateLimitFilter(LimitsProperties limits, Ticker ticker) {
        LimitsProperties.Rate rate = limits.rate();
        return new RateLimitFilter(new TokenBuckets(rate.requestsPerSecond(), rate.burst(), ticker), rate);
    }

    /** Tomcat's own error pages (requests it cannot parse) become problem documents too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context ->
                context.getParent().getPipeline().addValve(new ProblemErrorReportValve()));
    }

    /** Spring Security's firewall (an encoded slash or a dot segment in the path, say) answers with a problem too. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
                "REQUEST_REJECTED", "The request path or headers contain characters or sequences that are not allowed.");
    }
}
