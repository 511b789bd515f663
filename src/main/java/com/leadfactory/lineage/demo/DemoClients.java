package com.leadfactory.lineage.demo;

import com.leadfactory.lineage.security.ClientSource;
import com.leadfactory.lineage.security.SecurityProperties;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The zero-setup run's clients: fresh random credentials at every start, printed once to the console when the
 * service is ready, with the port the web server actually bound. Only exists when {@code lineage.demo.enabled}
 * (the embedded-database default); no other run has defaults.
 */
@Component
@ConditionalOnProperty(name = "lineage.demo.enabled", havingValue = "true")
public class DemoClients implements ClientSource {

    private static final Logger log = LoggerFactory.getLogger(DemoClients.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecurityProperties.Client> clients;
    private Object[] secrets;

    public DemoClients() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String pipelineKey = secret(24);
        String auditorKey = secret(24);
        // an API key for every role the README's curl examples use (holds need admin, an access made in another
        // system audit-writer), so each example runs against the zero-setup service as written
        String adminKey = secret(24);
        String crmKey = secret(24);
        String viewerPassword = secret(9);
        String auditorPassword = secret(9);
        String adminPassword = secret(9);
        clients = List.of(
                new SecurityProperties.Client("demo-pipeline", pipelineKey, null, List.of("ingest")),
                new SecurityProperties.Client("demo-viewer", null, encoder.encode(viewerPassword), List.of("viewer")),
                new SecurityProperties.Client(
                        "demo-auditor", auditorKey, encoder.encode(auditorPassword), List.of("auditor")),
                new SecurityProperties.Client("demo-admin", adminKey, encoder.encode(adminPassword), List.of("admin")),
                new SecurityProperties.Client("demo-crm", crmKey, null, List.of("audit-writer")));
        secrets =
                new Object[] {viewerPassword, auditorPassword, adminPassword, pipelineKey, auditorKey, adminKey, crmKey
                };
    }

    /** Prints the credentials once, when the service takes requests, and forgets the plain-text copies. */
    @EventListener(ApplicationReadyEvent.class)
    public void printCredentials(ApplicationReadyEvent event) {
        if (secrets == null) {
            return;
        }
        Object[] arguments = new Object[secrets.length + 1];
        arguments[0] = panelUrl(event);
        System.arraycopy(secrets, 0, arguments, 1, secrets.length);
        secrets = null;
        log.warn("""

                ================ Lineage Panel demo credentials (new at every start; demo mode only) ================
                  Panel  {}   sign in as
                      demo-viewer  / {}   (viewer)
                      demo-auditor / {}   (viewer + auditor)
                      demo-admin   / {}   (all roles)
                  API    X-API-Key: {}   (demo-pipeline: ingest)
                         X-API-Key: {}   (demo-auditor: viewer + auditor)
                         X-API-Key: {}   (demo-admin: all roles)
                         X-API-Key: {}   (demo-crm: audit-writer)
                  Demo mode is on (lineage.demo.enabled=true: the default on the embedded H2 database); set it to false to turn it off.
                =====================================================================================================""", arguments);
    }

    /** The port Tomcat bound (local.server.port), which differs from server.port when that is 0. */
    static String panelUrl(ApplicationReadyEvent event) {
        return "http://localhost:"
                + event.getApplicationContext().getEnvironment().getProperty("local.server.port") + "/";
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
