package com.leadfactory.lineage.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * {@code lineage.audit.*} for the tamper-evident log (README, "Proving the audit trail"): the signing key, how
 * often checkpoints are made, where they are exported.
 */
@ConfigurationProperties("lineage.audit")
public class AuditLogProperties implements Validator {

    /** Ed25519 private key, PKCS#8 PEM text. */
    private String signingKey;

    /** A file holding the PKCS#8 PEM private key (when signing-key is not set). */
    private String signingKeyFile;

    /**
     * Make the signing-key-file when it does not exist yet (a new key, written readable by its owner only): the
     * zero-setup run's default, so that its checkpoints still verify after a restart. Off in production, where a
     * missing key file is a configuration error.
     */
    private boolean createSigningKeyFile;

    /**
     * Public keys the log's checkpoints were signed with before the signing key was rotated, each as PEM text or a
     * file holding it: the verifier accepts a checkpoint signed by the signing key or by one of these.
     */
    private List<String> previousPublicKeys = new ArrayList<>();

    /** The first line of every checkpoint: names the log. */
    private String origin = "lineage-panel/audit";

    /** How often the checkpointer runs (a checkpoint is written only when rows arrived). */
    private Duration checkpointInterval = Duration.ofMinutes(1);

    /**
     * How long before the last checkpoint a row's accessed_at may lie and still be sequenced: longer than any
     * transaction that writes audit rows. An older row that appears later is reported as inserted.
     */
    private Duration settleWindow = Duration.ofMinutes(5);

    /** Rows read per statement while sequencing. */
    private int batchSize = 10_000;

    /** Where each checkpoint is also written as a file (none when unset). */
    private String checkpointDir;

    /** The RabbitMQ exchange checkpoints are published to while queue ingest is on. */
    private String checkpointExchange = "lineage.audit.checkpoints";

    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    public boolean isCreateSigningKeyFile() {
        return createSigningKeyFile;
    }

    public void setCreateSigningKeyFile(boolean createSigningKeyFile) {
        this.createSigningKeyFile = createSigningKeyFile;
    }

    public String getSigningKeyFile() {
        return signingKeyFile;
    }

    public void setSigningKeyFile(String signingKeyFile) {
        this.signingKeyFile = signingKeyFile;
    }

    public List<String> getPreviousPublicKeys() {
        return previousPublicKeys;
    }

    public void setPreviousPublicKeys(List<String> previousPublicKeys) {
        this.previousPublicKeys = previousPublicKeys;
    }

    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    public Duration getSettleWindow() {
        return settleWindow;
    }

    public void setSettleWindow(Duration settleWindow) {
        this.settleWindow = settleWindow;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public String getCheckpointDir() {
        return checkpointDir;
    }

    public void setCheckpointDir(String checkpointDir) {
        this.checkpointDir = checkpointDir;
    }

    public String getCheckpointExchange() {
        return checkpointExchange;
    }

    public void setCheckpointExchange(String checkpointExchange) {
        this.checkpointExchange = checkpointExchange;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == AuditLogProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        AuditLogProperties audit = (AuditLogProperties) target;
        SettingChecks.notBlank(errors, "origin", audit.origin);
        SettingChecks.positive(errors, "checkpointInterval", audit.checkpointInterval);
        SettingChecks.notNegative(errors, "settleWindow", audit.settleWindow);
        SettingChecks.atLeast(errors, "batchSize", audit.batchSize, 1);
    }
}
