package com.leadfactory.lineage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.LineagePanelApplication;
import com.leadfactory.lineage.security.ClientRegistry;
import com.leadfactory.lineage.support.TestFiles;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The README's first command, minus the fixed port: no datasource, no clients configured. The service must
 * come up on an embedded H2 file, print demo credentials, capture the demo reports through the real routes,
 * and keep them (without adding more) across a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZeroSetupRunTest {

    private static final Path DATA = Path.of("target", "zero-setup-data");

    @Test
    void startsWithDemoDataAndKeepsItAcrossARestart(CapturedOutput output) throws IOException {
        TestFiles.deleteRecursively(DATA);
        String url =
                "jdbc:h2:file:./" + DATA + "/lineage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

        try (ConfigurableApplicationContext first = start(url)) {
            String port = first.getEnvironment().getProperty("local.server.port");
            assertThat(output)
                    .as("the banner names the port Tomcat bound, not server.port (0 here)")
                    .contains("Panel  http://localhost:" + port + "/ ");
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM report_lineage WHERE capture_source = 'demo'"))
                    .isEqualTo(6);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM report_lineage WHERE truncated"))
                    .isZero();
            assertThat(first.getBean(ClientRegistry.class).loadUserByUsername("demo-viewer"))
                    .isNotNull();
            // every API key the box prints works, with the roles it names: the README's curl examples (a
            // completion, a download, a legal hold, an access recorded by another system) run as written
            Matcher keys = Pattern.compile("X-API-Key: (\\S+) +\\((demo-[a-z]+): ([^)]+)\\)")
                    .matcher(output.getOut());
            Map<String, String> rolesByClient = new LinkedHashMap<>();
            Map<String, String> keyByClient = new LinkedHashMap<>();
            while (keys.find()) {
                String me = RestAssured.given()
                        .port(Integer.parseInt(port))
                        .header("X-API-Key", keys.group(1))
                        .get("/api/me")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("name");
                assertThat(me).isEqualTo(keys.group(2));
                rolesByClient.put(keys.group(2), keys.group(3));
                keyByClient.put(keys.group(2), keys.group(1));
            }
            assertThat(rolesByClient)
                    .containsExactly(
                            Map.entry("demo-pipeline", "ingest"),
                            Map.entry("demo-auditor", "viewer + auditor"),
                            Map.entry("demo-admin", "all roles"),
                            Map.entry("demo-crm", "audit-writer"));
            String lineageId = jdbc.queryForObject(
                    "SELECT CAST(id AS VARCHAR) FROM report_lineage FETCH FIRST 1 ROWS ONLY", String.class);
            RestAssured.given()
                    .port(Integer.parseInt(port))
                    .header("X-API-Key", keyByClient.get("demo-admin"))
                    .contentType("application/json")
                    .body("{\"reason\": \"LIT-2026-114 (Acme v. Lead Factory)\"}")
                    .put("/api/lineage/" + lineageId + "/hold")
                    .then()
                    .statusCode(201);
            RestAssured.given()
                    .port(Integer.parseInt(port))
                    .header("X-API-Key", keyByClient.get("demo-crm"))
                    .contentType("application/json")
                    .body(
                            "{\"action\": \"pdf_view\", \"on_behalf_of\": \"jane.doe@example.com\", \"occurred_at\":"
                                    + " \"2026-03-14T09:30:00+01:00\", \"purpose\": \"SUP-4821\", \"event_id\": \"crm-7f3a-0001\"}")
                    .post("/api/lineage/" + lineageId + "/audit")
                    .then()
                    .statusCode(201);
            byte[] gzip = jdbc.queryForObject(
                    "SELECT raw_inputs_compressed FROM report_lineage FETCH FIRST 1 ROWS ONLY", byte[].class);
            String rawInputs;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                rawInputs = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // the demo enrichment rows carry an api_key on purpose: it must be masked before storage
            assertThat(rawInputs).contains("\"enrichment_data\"").doesNotContain("sk_live_demo_should_be_masked");
        }
        assertThat(output).contains("Lineage Panel demo credentials").contains("demo-viewer  / ");

        try (ConfigurableApplicationContext second = start(url)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM report_lineage")).isEqualTo(6);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM d6_report_generations"))
                    .isEqualTo(6);
        }
        assertThat(output).contains("Demo data already present");
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(LineagePanelApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url, "--lineage.reconcile.enabled=false");
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
