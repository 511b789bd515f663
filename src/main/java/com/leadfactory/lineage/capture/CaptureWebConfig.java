package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.config.CaptureProperties;
import com.leadfactory.lineage.web.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CaptureWebConfig {

    @Bean
    FilterRegistrationBean<CompletionBodyLimitFilter> completionBodyLimitFilter(
            CaptureProperties properties, ProblemWriter problems, CaptureMetrics metrics) {
        var registration = new FilterRegistrationBean<>(new CompletionBodyLimitFilter(
                properties.getMaxBodyBytes().toBytes(),
                new BodiesInProgress(
                        properties.getMaxBodiesInProgress().toBytes(),
                        properties.getMaxBodyBytes().toBytes(),
                        properties.getCaptureWait()),
                problems,
                metrics,
                properties.getBodyReadTimeout()));
        registration.addUrlPatterns("/api/lineage/completions", "/api/v1/lineage");
        registration.setOrder(0);
        return registration;
    }
}
