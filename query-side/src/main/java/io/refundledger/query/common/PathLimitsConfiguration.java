package io.refundledger.query.common;

import io.refundledger.infrastructure.web.PathVariableLimits;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Ids in query paths are held to a length no stored id reaches: the command side accepts ids of at most 64
 * characters, and the longest derived aggregate id (an order's refund ledger: a prefix and the order id) stays well
 * under 128. A longer one could match nothing, so it is refused with 400 {@code <NAME>_TOO_LONG} before any lookup.
 */
@Configuration(proxyBeanMethods = false)
public class PathLimitsConfiguration implements WebMvcConfigurer {

    static final int MAX_ID_LENGTH = 128;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PathVariableLimits(MAX_ID_LENGTH));
    }
}
