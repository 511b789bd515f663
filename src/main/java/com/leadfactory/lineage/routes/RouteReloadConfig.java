package com.leadfactory.lineage.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code lineage.routes.reload=true} (a development setting, off by default): the running service picks up edits
 * of the files under {@code lineage.routes.location}, which must then be a {@code file:} directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lineage.routes.reload", havingValue = "true")
public class RouteReloadConfig {

    private static final Logger log = LoggerFactory.getLogger(RouteReloadConfig.class);

    @Bean
    CamelContextConfiguration routeFileReloading(
            @Value("${lineage.routes.location}") String location,
            ApplicationContext beans,
            ObjectProvider<DataSource> dataSource) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // the watcher starts once the routes have loaded
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                Path directory = location.startsWith("file:") ? Path.of(location.substring("file:".length())) : null;
                if (directory == null || !Files.isDirectory(directory)) {
                    log.warn(
                            "lineage.routes.reload=true needs the routes in a directory (lineage.routes.location=file:...),"
                                    + " not {}: route files are not reloaded",
                            location);
                    return;
                }
                try {
                    RouteFileReloader reloader = new RouteFileReloader(
                            directory,
                            name -> {
                                if (beans.containsBean(name)) {
                                    return beans.getType(name);
                                }
                                Object bean = camelContext.getRegistry().lookupByName(name);
                                return bean == null ? null : bean.getClass();
                            },
                            dataSource.getIfAvailable());
                    camelContext.addService(reloader, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot watch " + directory + " for route changes", e);
                }
            }
        };
    }
}
