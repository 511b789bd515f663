package com.leadfactory.lineage.support;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running service over real HTTP with four test clients, one per role. Subclasses pick the database;
 * every API test of one database shares one application context (same properties, so Spring caches it).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.capture.max-body-bytes=1MB",
            // a completion body must have arrived within this (capture.CompletionBodyLimitFilter); the tests send at
            // once
            "lineage.capture.body-read-timeout=2s",
            // an export beyond lineage.audit.max-concurrent-exports waits this long for a slot before its 503
            "lineage.audit.export-wait=1s",
            // one key for every context sharing a test database, so each one's checkpoints verify; a file kept with
            // the tests rather than made under target/: a database kept across runs (the benchmarks') or shared by
            // two checkouts is signed by that key whatever was cleaned, and an instance whose key does not verify
            // the log's last checkpoint refuses to start
            "lineage.audit.signing-key-file=" + ApiTestSupport.SIGNING_KEY_FILE,
            "lineage.security.clients[0].name=test-pipeline",
            "lineage.security.clients[0].api-key=" + ApiTestSupport.INGEST_KEY,
            "lineage.security.clients[0].roles=ingest",
            "lineage.security.clients[1].name=test-viewer",
            "lineage.security.clients[1].api-key=" + ApiTestSupport.VIEWER_KEY,
            "lineage.security.clients[1].password={noop}viewer-password",
            "lineage.security.clients[1].roles=viewer",
            "lineage.security.clients[2].name=test-auditor",
            "lineage.security.clients[2].api-key=" + ApiTestSupport.AUDITOR_KEY,
            "lineage.security.clients[2].password={noop}auditor-password",
            "lineage.security.clients[2].roles=auditor",
            "lineage.security.clients[3].name=test-admin",
            "lineage.security.clients[3].api-key=" + ApiTestSupport.ADMIN_KEY,
            "lineage.security.clients[3].password={noop}admin-password",
            "lineage.security.clients[3].roles=admin",
            "lineage.security.clients[4].name=test-crm",
            "lineage.security.clients[4].api-key=" + ApiTestSupport.AUDIT_WRITER_KEY,
            "lineage.security.clients[4].roles=audit-writer",
        })
public abstract class ApiTestBase implements ApiTestSupport {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected SourceData source;

    @BeforeEach
    void pointRestAssuredAtTheService() {
        RestAssured.port = port;
        source = new SourceData(jdbc);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public SourceData source() {
        return source;
    }
}
