package com.leadfactory.lineage.web;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
class ApiErrorConfig {

    /**
     * Outside Spring Security (whose firewall also uses sendError) and right after {@link RequestIdFilter}, so every
     * problem carries the request id. Registered for error dispatches too: that is where an escaped exception goes.
     */
    @Bean
    FilterRegistrationBean<ApiErrorFilter> apiErrorFilter(ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new ApiErrorFilter(problems));
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Around everything that writes API responses; see the filter for why. */
    @Bean
    FilterRegistrationBean<PrecompressedBodyFilter> precompressedBodyFilter() {
        var registration = new FilterRegistrationBean<>(new PrecompressedBodyFilter());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
