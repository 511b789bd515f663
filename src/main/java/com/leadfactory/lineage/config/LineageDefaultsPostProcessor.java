package com.leadfactory.lineage.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on where and how the service runs, so that a bare {@code spring-boot:run} needs no
 * setup while a deployment only sets Spring's standard properties:
 *
 * <ul>
 *   <li>no {@code spring.datasource.url}: an H2 file database under {@code ./data} in PostgreSQL mode;
 *   <li>{@code lineage.demo.enabled}: true only on that embedded database;
 *   <li>{@code lineage.routes.location}: {@code ./routes} when the directory exists (edit, restart, done),
 *       otherwise the copy packaged in the jar.
 * </ul>
 *
 * Added as the lowest-precedence source: any property, environment variable or test setting wins. The on/off
 * switches also get one spelling for every reader, {@link SwitchValues}, as the first source.
 */
public class LineageDefaultsPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String EMBEDDED_URL =
            "jdbc:h2:file:./data/lineage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            defaults.put("spring.datasource.url", EMBEDDED_URL);
            defaults.put("spring.datasource.username", "sa");
            url = EMBEDDED_URL;
        }
        defaults.put("lineage.demo.enabled", url.startsWith("jdbc:h2:"));
        if (url.equals(EMBEDDED_URL)) {
            // the embedded database outlives a restart, so must the key its audit checkpoints are signed with
            defaults.put("lineage.audit.signing-key-file", "./data/audit-signing-key.pem");
            defaults.put("lineage.audit.create-signing-key-file", true);
        }
        String routes = environment.getProperty("lineage.routes.location");
        if (routes == null) {
            routes = Files.isDirectory(Path.of("routes")) ? "file:routes" : "classpath:routes";
            defaults.put("lineage.routes.location", routes);
        }
        // a placeholder, so a location set by a source added later (e.g. a test's) moves the SQL with the routes
        defaults.put("lineage.routes.sql", "${lineage.routes.location}/sql");
        environment.getPropertySources().addLast(new MapPropertySource("lineageDefaults", defaults));
        if (!environment.getPropertySources().contains(SwitchValues.NAME)) {
            environment.getPropertySources().addFirst(new SwitchValues(environment));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
