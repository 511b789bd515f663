package com.leadfactory.lineage.web;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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

    /** After Spring Boot's own (which adds a plain ErrorReportValve to the host), replacing it. */
    @Bean
    ApiErrorReportValveCustomizer apiErrorReportValveCustomizer() {
        return new ApiErrorReportValveCustomizer();
    }

    static final class ApiErrorReportValveCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // the host adds a valve of this class when it starts, unless it has one already
                    host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ApiErrorReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
