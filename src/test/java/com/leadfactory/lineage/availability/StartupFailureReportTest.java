package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.LineagePanelApplication;
import com.leadfactory.lineage.support.TestBroker;
import com.leadfactory.lineage.support.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The database or the broker away at start-up stops it with Spring's report saying which, at which address, why and
 * which settings to check, never with only a bean-creation stack trace whose reason is at its bottom (lineage.*
 * settings get the same report: config.SettingChecksTest).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsNamedWithItsUrlAndTheSettingsToCheck(CapturedOutput output) throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/lineage";

        assertThatThrownBy(() -> start("--spring.datasource.url=" + url, "--spring.datasource.username=postgres"));

        assertThat(report(output))
                .contains("The database at " + url + " does not answer at start-up: Connection to 127.0.0.1:")
                .contains("check spring.datasource.url, username and password (SPRING_DATASOURCE_URL");
        assertThat(ownOutput(output)).doesNotContain("Application run failed").doesNotContain("\tat ");
    }

    @Test
    void aBrokerThatDoesNotAnswerWithQueueIngestOnIsNamedBeforeCamelStarts(CapturedOutput output) throws IOException {
        int port = closedPort();

        assertThatThrownBy(() -> start(
                "--spring.datasource.url=" + TestDatabases.h2Memory("lineage_startup_broker_away"),
                "--spring.datasource.username=sa",
                "--lineage.ingest.rabbitmq.enabled=true",
                "--spring.rabbitmq.host=" + TestBroker.HOST,
                "--spring.rabbitmq.port=" + port));

        assertThat(report(output))
                .contains("The broker at " + TestBroker.HOST + ":" + port
                        + " (virtual host /) does not answer at start-up: java.net.ConnectException: Connection"
                        + " refused")
                .contains("check spring.rabbitmq.host, port, username, password and virtual-host");
        assertThat(ownOutput(output))
                .doesNotContain("Error starting CamelContext")
                .doesNotContain("Application run failed")
                .doesNotContain("\tat ");
    }

    @Test
    void aDurationWithoutAUnitIsNamedWithItsValueAndTheUnitsToWrite(CapturedOutput output) throws IOException {
        assertThatThrownBy(() -> start(
                "--spring.datasource.url=" + TestDatabases.h2Memory("lineage_startup_bare_duration"),
                "--spring.datasource.username=sa",
                "--lineage.retention.interval=3600"));

        assertThat(report(output))
                .contains("Failed to bind properties under 'lineage.retention.interval' to java.time.Duration")
                .contains("Value: \"3600\"")
                .contains("'3600' has no unit, and a number without a unit is read as milliseconds");
        assertThat(ownOutput(output)).doesNotContain("Application run failed").doesNotContain("\tat ");
    }

    private static void start(String... settings) {
        List<String> args = new ArrayList<>(
                List.of("--server.port=0", "--lineage.demo.enabled=false", "--lineage.reconcile.enabled=false"));
        args.addAll(List.of(settings));
        new SpringApplicationBuilder(LineagePanelApplication.class)
                .run(args.toArray(String[]::new))
                .close();
    }

    private static String report(CapturedOutput output) {
        String out = output.getOut();
        assertThat(out).contains("APPLICATION FAILED TO START");
        return out.substring(out.indexOf("APPLICATION FAILED TO START"));
    }

    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+ +[A-Z]+ ");

    /**
     * What this start-up printed: the output without the log lines (and their stack traces) of other threads, which
     * in the whole suite include the background consumers of other test contexts still cached in this JVM.
     */
    private static String ownOutput(CapturedOutput output) {
        StringBuilder own = new StringBuilder();
        boolean keep = true;
        for (String line : output.getOut().split("\n", -1)) {
            if (LOG_LINE.matcher(line).find()) {
                keep = line.contains("[           main]");
            }
            if (keep) {
                own.append(line).append('\n');
            }
        }
        return own.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
