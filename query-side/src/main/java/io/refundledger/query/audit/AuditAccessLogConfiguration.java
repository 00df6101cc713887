package io.refundledger.query.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Puts the {@link AuditAccessLogFilter} on every audit path, behind the security filters. */
@Configuration(proxyBeanMethods = false)
public class AuditAccessLogConfiguration {

    @Bean
    public FilterRegistrationBean<AuditAccessLogFilter> auditAccessLogFilter(AuditAccessLog accessLog,
                                                                            ObjectProvider<Clock> clock) {
        FilterRegistrationBean<AuditAccessLogFilter> registration = new FilterRegistrationBean<>(
                new AuditAccessLogFilter(accessLog, clock.getIfAvailable(Clock::systemUTC)));
        registration.addUrlPatterns(AuditAccessLogFilter.URL_PATTERN);
        registration.setName("auditAccessLogFilter");
        return registration;
    }
}
