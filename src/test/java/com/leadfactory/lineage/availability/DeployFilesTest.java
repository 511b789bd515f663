package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** What README "Deploying" says of the image and of docker-compose.yml, read from the files themselves. */
class DeployFilesTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeRestartsTheServiceAndWaitsForItsReadiness() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Object> lineage =
                (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("lineage");

        assertThat(lineage.get("restart"))
                .as("the process exits when the database or broker is away at start-up; the platform starts it again")
                .isEqualTo("unless-stopped");
        assertThat((List<String>) ((Map<String, Object>) lineage.get("healthcheck")).get("test"))
                .contains(ReadinessProbe.class.getName());
        assertThat(lineage.get("stop_grace_period")).isEqualTo("45s");
    }

    @Test
    void theImageRunsAsItsOwnUserWithAReadinessCheckAndItsBuildContextHoldsNoSecrets() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile)
                .containsPattern("(?m)^USER lineage$")
                .contains("HEALTHCHECK", ReadinessProbe.class.getName())
                // an OutOfMemoryError left a Camel timer and Tomcat's utility thread dead in a process still "UP"
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-XX:\\+ExitOnOutOfMemoryError\",");

        assertThat(dockerfile)
                .as("a fixed uid the signing key file can be given to: compose mounts file secrets as they are")
                .contains("--uid 10001");
        assertThat(Files.readString(Path.of("docker-compose.yml")))
                .as("how to make the key: OpenSSL writes it readable by its owner only")
                .contains(
                        "openssl genpkey -algorithm ed25519 -out audit-signing.pem && sudo chown 10001 audit-signing.pem");
        assertThat(Files.readString(Path.of("README.md")))
                .contains(
                        "openssl genpkey -algorithm ed25519 -out audit-signing.pem && sudo chown 10001 audit-signing.pem");

        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
        assertThat(ignored)
                .as("docker-compose.yml wants the signing key and .env next to it, in the build context")
                .contains("audit-signing.pem", ".env");
    }
}
