package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's usage errors: exit 2 with the reason and the usage, before any database is touched. */
class VerifyAuditCommandTest {

    private static final String PEM = AuditKeys.publicPem(AuditKeys.generate().getPublic());

    private record Run(int exit, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyAuditCommand.run(
                args,
                env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wrongUsageIsExit2WithTheReason() {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:nothing");
        assertThat(run(env, "verify-audit")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--public-key is required").contains("usage:");
        });
        assertThat(run(env, "verify-audit", "--nonsense", "x").err()).contains("unknown option --nonsense");
        assertThat(run(env, "verify-audit", "--public-key").err()).contains("--public-key needs a value");
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--settle-window", "soon")
                        .exit())
                .isEqualTo(2);
        assertThat(run(Map.of(), "verify-audit", "--public-key", PEM).err())
                .contains("SPRING_DATASOURCE_URL is not set");
        assertThat(run(env, "verify-audit", "--public-key", "/no/such/key.pem").exit())
                .isEqualTo(2);
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--checkpoints", "/no/such/dir")
                        .err())
                .contains("is not a directory");
    }

    @Test
    void aRangeThatSelectsNothingIsRefusedNotVerified() {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:nothing");
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--from", "5", "--to", "3"))
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("--to 3 is below --from 5").contains("usage:");
                });
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--from", "x").err())
                .contains("--from needs a sequence number (1 or more), not x");
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--from", "0"))
                .as("as GET /api/audit/verify?from=0: the log's first row is 1")
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("--from needs a sequence number (1 or more), not 0");
                });
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--to", "-1").exit())
                .isEqualTo(2);
    }

    @Test
    void anOptionGivenTwiceOrABadSettleWindowIsNamed() {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:nothing");
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--checkpoints", "/a", "--checkpoints", "/b"))
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("--checkpoints is given more than once");
                });
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--settle-window", "1m", "--settle-window", "2m")
                        .err())
                .contains("--settle-window is given more than once");
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--settle-window", "soon")
                        .err())
                .contains("--settle-window needs a duration of 0 or more (30s, 5m, 1h, PT5M), not soon");
        assertThat(run(env, "verify-audit", "--public-key", PEM, "--settle-window", "PT-5M"))
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("--settle-window needs a duration of 0 or more");
                });
    }

    @Test
    void aMissingKeyFileIsNamedAsMissingAndHelpIsNotAnError() {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:nothing");
        assertThat(run(env, "verify-audit", "--public-key", "/no/such/key.pem").err())
                .contains("no such file: /no/such/key.pem");
        assertThat(run(env, "verify-audit", "--help").exit()).isZero();
    }

    @Test
    void durationsAreWrittenAsTheConfigurationWritesThem() {
        assertThat(VerifyAuditCommand.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(VerifyAuditCommand.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(VerifyAuditCommand.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(VerifyAuditCommand.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(VerifyAuditCommand.duration("PT10M")).isEqualTo(Duration.ofMinutes(10));
    }
}
