package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.security.EndpointMatchers;
import com.leadfactory.lineage.web.ProblemWriter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AuditWebConfig {

    /** Right after Spring Security's filter chain, so authorisation (and its audited 403) comes first. */
    @Bean
    FilterRegistrationBean<AccessPurposeFilter> accessPurposeFilter(
            EndpointMatchers endpoints, ProblemWriter problems, AuditProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new AccessPurposeFilter(endpoints, problems, properties.isRequirePurpose()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
