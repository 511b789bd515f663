package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.LineagePanelApplication;
import com.leadfactory.lineage.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A route file that does not parse stops the service at start-up, naming the file, line and column. */
class BrokenRouteFileAtStartupTest {

    @Test
    void theServiceDoesNotStartAndSaysWhere() throws IOException {
        Path routes = RouteReloadTest.copyOfRoutes();
        Path file = routes.resolve("lineage-stats.yaml");
        Files.writeString(file, Files.readString(file).replace("        - to: \"sql:", "        - to: [\"sql:"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(LineagePanelApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + TestDatabases.h2Memory("lineage_broken_startup"),
                                "--spring.datasource.username=sa",
                                "--lineage.demo.enabled=false",
                                "--lineage.reconcile.enabled=false",
                                "--lineage.routes.location=file:" + routes)
                        .close())
                .satisfies(failure -> assertThat(RouteFileReloader.describe(failure))
                        .containsPattern("lineage-stats.yaml, line \\d+, column \\d+"));
    }
}
