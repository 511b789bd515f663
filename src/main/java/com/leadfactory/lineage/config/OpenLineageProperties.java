package com.leadfactory.lineage.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * {@code lineage.openlineage.*}: each captured report as OpenLineage run events, kept in an outbox and delivered to
 * {@code url} (docs/OPENLINEAGE.md). Off unless {@code enabled} is set and {@code url} names a consumer.
 */
@ConfigurationProperties("lineage.openlineage")
public class OpenLineageProperties implements Validator {

    private boolean enabled = false;

    /** The consumer's RunEvent endpoint, e.g. Marquez's http://marquez:5000/api/v1/lineage. */
    private String url = "";

    /** Sent as {@code Authorization: Bearer <api-key>} when set. */
    private String apiKey = "";

    /** Namespace of the jobs and datasets this service names. */
    private String namespace = "lineage-panel";

    /**
     * Namespace of the tables the raw inputs are read from; empty: derived from {@code spring.datasource.url} on
     * PostgreSQL ({@code postgres://host:port}), else {@code namespace}.
     */
    private String sourceNamespace = "";

    /**
     * What precedes a source table's name; null: {@code database.schema.} from {@code spring.datasource.url} on
     * PostgreSQL, else nothing.
     */
    private String sourceTablePrefix;

    /** The custom facets are named {@code <facet-prefix>_report} and {@code <facet-prefix>_template}. */
    private String facetPrefix = "lineagePanel";

    /** This service's address as the catalog's users reach it: facet schema URLs and links to the panel. */
    private URI publicUrl = URI.create("http://localhost:8080");

    /** The job a report render belongs to, and the parent job (the pipeline run). */
    private String jobName = "report_render";

    private String parentJobName = "report_pipeline";

    /** Time between two looks at the outbox. */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** Events sent per look at most. */
    private int batchSize = 50;

    /** First wait after a failed delivery; doubles per attempt up to {@code max-retry-delay}. */
    private Duration retryDelay = Duration.ofSeconds(1);

    private Duration maxRetryDelay = Duration.ofMinutes(5);

    /** Connect and response timeout of one delivery. */
    private Duration timeout = Duration.ofSeconds(10);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSourceNamespace() {
        return sourceNamespace;
    }

    public void setSourceNamespace(String sourceNamespace) {
        this.sourceNamespace = sourceNamespace;
    }

    public String getSourceTablePrefix() {
        return sourceTablePrefix;
    }

    public void setSourceTablePrefix(String sourceTablePrefix) {
        this.sourceTablePrefix = sourceTablePrefix;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getFacetPrefix() {
        return facetPrefix;
    }

    public void setFacetPrefix(String facetPrefix) {
        this.facetPrefix = facetPrefix;
    }

    public URI getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    public String getJobName() {
        return jobName;
    }

    public void setJobName(String jobName) {
        this.jobName = jobName;
    }

    public String getParentJobName() {
        return parentJobName;
    }

    public void setParentJobName(String parentJobName) {
        this.parentJobName = parentJobName;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == OpenLineageProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        OpenLineageProperties openLineage = (OpenLineageProperties) target;
        SettingChecks.positive(errors, "pollInterval", openLineage.pollInterval);
        SettingChecks.atLeast(errors, "batchSize", openLineage.batchSize, 1);
        SettingChecks.positive(errors, "retryDelay", openLineage.retryDelay);
        SettingChecks.positive(errors, "maxRetryDelay", openLineage.maxRetryDelay);
        if (openLineage.retryDelay != null
                && openLineage.maxRetryDelay != null
                && openLineage.maxRetryDelay.compareTo(openLineage.retryDelay) < 0) {
            errors.rejectValue("maxRetryDelay", "lineage.too-small", "must be at least retry-delay");
        }
        SettingChecks.positive(errors, "timeout", openLineage.timeout);
    }
}
