package com.leadfactory.lineage.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** {@code lineage.compare.*}: the limits of GET /api/lineage/compare's input diff. */
@ConfigurationProperties("lineage.compare")
public class CompareProperties implements Validator {

    /** Raw-input documents (uncompressed) above this are not diffed: 413, never a slow answer. */
    private DataSize maxDocumentBytes = DataSize.ofMegabytes(24);

    /** Changes listed at most; change_count still counts them all. */
    private int maxChanges = 1000;

    /** Input diffs that may run at once (each holds both documents as trees); more wait, then get a 503. */
    private int maxConcurrentDiffs = 2;

    /** How long a diff waits for one of those before the 503. */
    private Duration diffWait = Duration.ofSeconds(10);

    public int getMaxConcurrentDiffs() {
        return maxConcurrentDiffs;
    }

    public void setMaxConcurrentDiffs(int maxConcurrentDiffs) {
        this.maxConcurrentDiffs = maxConcurrentDiffs;
    }

    public Duration getDiffWait() {
        return diffWait;
    }

    public void setDiffWait(Duration diffWait) {
        this.diffWait = diffWait;
    }

    public DataSize getMaxDocumentBytes() {
        return maxDocumentBytes;
    }

    public void setMaxDocumentBytes(DataSize maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    public int getMaxChanges() {
        return maxChanges;
    }

    public void setMaxChanges(int maxChanges) {
        this.maxChanges = maxChanges;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == CompareProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        CompareProperties compare = (CompareProperties) target;
        SettingChecks.positive(errors, "maxDocumentBytes", compare.maxDocumentBytes);
        SettingChecks.atLeast(errors, "maxChanges", compare.maxChanges, 0);
        // zero would answer every compare 503
        SettingChecks.atLeast(errors, "maxConcurrentDiffs", compare.maxConcurrentDiffs, 1);
        SettingChecks.notNegative(errors, "diffWait", compare.diffWait);
    }
}
