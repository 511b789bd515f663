package com.leadfactory.lineage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class LineageDefaultsPostProcessorTest {

    private final LineageDefaultsPostProcessor processor = new LineageDefaultsPostProcessor();

    @Test
    void noDatasourceMeansEmbeddedH2WithDemoData() {
        MockEnvironment environment = new MockEnvironment();
        processor.postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo(LineageDefaultsPostProcessor.EMBEDDED_URL)
                .contains("MODE=PostgreSQL");
        assertThat(environment.getProperty("lineage.demo.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("lineage.audit.signing-key-file")).isEqualTo("./data/audit-signing-key.pem");
        assertThat(environment.getProperty("lineage.audit.create-signing-key-file"))
                .isEqualTo("true");
        // the tests run from the project root, where ./routes exists
        assertThat(environment.getProperty("lineage.routes.location")).isEqualTo("file:routes");
        assertThat(environment.getProperty("lineage.routes.sql")).isEqualTo("file:routes/sql");

        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("later", Map.of("lineage.routes.location", "file:/elsewhere")));
        assertThat(environment.getProperty("lineage.routes.sql")).isEqualTo("file:/elsewhere/sql");
    }

    @Test
    void aConfiguredDatabaseTurnsDemoOffAndExplicitSettingsWin() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/lineage")
                .withProperty("lineage.routes.location", "classpath:routes");
        processor.postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/lineage");
        assertThat(environment.getProperty("lineage.demo.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("lineage.routes.sql")).isEqualTo("classpath:routes/sql");
        assertThat(environment.getProperty("lineage.audit.create-signing-key-file"))
                .as("production makes no key of its own")
                .isNull();

        MockEnvironment demoForced = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/lineage")
                .withProperty("lineage.demo.enabled", "true");
        processor.postProcessEnvironment(demoForced, null);
        assertThat(demoForced.getProperty("lineage.demo.enabled")).isEqualTo("true");
    }
}
