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

    @Test
    void aSwitchReadsTheSameToTheRoutesAndToSpringHoweverItIsSpelt() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("lineage.ingest.rabbitmq.enabled", "TRUE")
                .withProperty("lineage.retention.enabled", "on")
                .withProperty("ENABLE_REPORT_LINEAGE", "Yes")
                .withProperty("lineage.capture.enabled", "${ENABLE_REPORT_LINEAGE:true}")
                .withProperty("lineage.reconcile.enabled", " 0 ")
                .withProperty("lineage.openlineage.enabled", "maybe")
                .withProperty("lineage.audit.origin", "TRUE");
        processor.postProcessEnvironment(environment, null);

        // a route's precondition compares the text with 'true'
        assertThat(environment.getProperty("lineage.ingest.rabbitmq.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("lineage.retention.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("lineage.capture.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("lineage.reconcile.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("lineage.openlineage.enabled"))
                .as("not a boolean: left for the binder to refuse")
                .isEqualTo("maybe");
        assertThat(environment.getProperty("lineage.audit.origin"))
                .as("not a switch")
                .isEqualTo("TRUE");
    }
}
