package com.leadfactory.lineage.demo;

import com.leadfactory.lineage.security.ClientSource;
import com.leadfactory.lineage.security.SecurityProperties;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The zero-setup run's clients: fresh random credentials at every start, printed once to the console.
 * Only exists when {@code lineage.demo.enabled} (the embedded-database default); no other run has defaults.
 */
@Component
@ConditionalOnProperty(name = "lineage.demo.enabled", havingValue = "true")
public class DemoClients implements ClientSource {

    private static final Logger log = LoggerFactory.getLogger(DemoClients.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecurityProperties.Client> clients;

    public DemoClients() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String pipelineKey = secret(24);
        String auditorKey = secret(24);
        String viewerPassword = secret(9);
        String auditorPassword = secret(9);
        String adminPassword = secret(9);
        clients = List.of(
                new SecurityProperties.Client("demo-pipeline", pipelineKey, null, List.of("ingest")),
                new SecurityProperties.Client("demo-viewer", null, encoder.encode(viewerPassword), List.of("viewer")),
                new SecurityProperties.Client(
                        "demo-auditor", auditorKey, encoder.encode(auditorPassword), List.of("auditor")),
                new SecurityProperties.Client("demo-admin", null, encoder.encode(adminPassword), List.of("admin")));
        log.warn("""

                ================ Lineage Panel demo credentials (new at every start; demo mode only) ================
                  Panel  http://localhost:8080/   sign in as
                      demo-viewer  / {}   (viewer)
                      demo-auditor / {}   (viewer + auditor)
                      demo-admin   / {}   (all roles)
                  API    X-API-Key: {}   (demo-pipeline: ingest)
                         X-API-Key: {}   (demo-auditor: viewer + auditor)
                  Demo mode is on because no spring.datasource.url is set; set lineage.demo.enabled=false to turn it off.
                =====================================================================================================""", viewerPassword, auditorPassword, adminPassword, pipelineKey, auditorKey);
    }

    @Override
    public List<SecurityProperties.Client> clients() {
        return clients;
    }

    private static String secret(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
