package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.config.OpenLineageProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The two OpenLineage 2-0-2 RunEvents of a report render, START and COMPLETE (docs/OPENLINEAGE.md, "Mapping").
 * Written with Jackson rather than io.openlineage:openlineage-java: that artifact is the whole client (transports,
 * circuit breakers, its own Micrometer and HTTP client versions, a log4j.properties at its root) for a document of
 * a dozen fields, which the tests check against the official schema.
 */
@Component
public class RunEvents {

    public static final String SPEC_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    public static final String PRODUCER = "https://github.com/leadfactory/lineage-panel";
    static final String PARENT_FACET =
            "https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet";
    static final String JOB_TYPE_FACET =
            "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    static final String VERSION_FACET =
            "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
    /** Served by this service from static/assets (docs/OPENLINEAGE.md, "The report facet"). */
    public static final String FACET_SCHEMA_PATH = "/assets/openlineage/facets/report-1-0-0.json";

    public static final String START = "START";
    public static final String COMPLETE = "COMPLETE";

    static final String ASSESSMENT_DATASET = "assessment_results";
    static final String ENRICHMENT_DATASET = "enrichment_results";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ObjectMapper mapper = new ObjectMapper();
    private final OpenLineageProperties properties;
    private final SourceDatasets sources;

    public RunEvents(OpenLineageProperties properties, SourceDatasets sources) {
        this.properties = properties;
        this.sources = sources;
    }

    public String reportFacetName() {
        return properties.getFacetPrefix() + "_report";
    }

    public String templateFacetName() {
        return properties.getFacetPrefix() + "_template";
    }

    public String facetSchemaUrl() {
        return trimSlash(properties.getPublicUrl().toString()) + FACET_SCHEMA_PATH;
    }

    /** START then COMPLETE. */
    public List<ObjectNode> events(ReportRun run) {
        return List.of(event(run, START), event(run, COMPLETE));
    }

    public ObjectNode event(ReportRun run, String eventType) {
        boolean complete = COMPLETE.equals(eventType);
        ObjectNode event = mapper.createObjectNode();
        event.put("eventType", eventType);
        event.put("eventTime", time(complete ? run.finishedAt() : run.startedAt()));
        event.put("producer", PRODUCER);
        event.put("schemaURL", SPEC_URL);
        event.set("run", run(run));
        event.set("job", job(run));
        ArrayNode inputs = event.putArray("inputs");
        inputs.add(dataset(sources.namespace(), sources.name(ASSESSMENT_DATASET)));
        inputs.add(dataset(sources.namespace(), sources.name(ENRICHMENT_DATASET)));
        ArrayNode outputs = event.putArray("outputs");
        if (complete) {
            outputs.add(pdf(run));
        }
        return event;
    }

    public String text(ObjectNode event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenLineage event could not be written as JSON", e);
        }
    }

    private ObjectNode run(ReportRun run) {
        ObjectNode node = mapper.createObjectNode();
        node.put("runId", run.reportGenerationId().toString());
        ObjectNode facets = node.putObject("facets");
        ObjectNode parent = facet(PARENT_FACET);
        parent.putObject("run").put("runId", run.pipelineRunId().toString());
        parent.putObject("job").put("namespace", properties.getNamespace()).put("name", properties.getParentJobName());
        facets.set("parent", parent);
        facets.set(reportFacetName(), reportFacet(run));
        return node;
    }

    ObjectNode reportFacet(ReportRun run) {
        ObjectNode facet = facet(facetSchemaUrl() + "#/$defs/ReportRunFacet");
        facet.put("reportGenerationId", run.reportGenerationId().toString());
        facet.put("lineageId", run.lineageId().toString());
        facet.put("leadId", run.leadId().toString());
        facet.put("pipelineRunId", run.pipelineRunId().toString());
        facet.put("templateVersionId", run.templateVersionId());
        facet.put("pipelineStartedAt", time(run.startedAt()));
        facet.put("pipelineFinishedAt", time(run.finishedAt()));
        ObjectNode raw = facet.putObject("rawInputs");
        raw.put("sizeBytes", run.rawInputsSizeBytes());
        raw.put("sha256", run.rawInputsSha256());
        raw.put("truncated", run.truncated());
        if (run.pdfUri() != null || run.pdfSha256() != null) {
            ObjectNode pdf = facet.putObject("pdf");
            putIfSet(pdf, "uri", run.pdfUri());
            putIfSet(pdf, "sha256", run.pdfSha256());
            if (run.pdfSizeBytes() != null) {
                pdf.put("sizeBytes", run.pdfSizeBytes());
            }
        }
        facet.put("panelUrl", panelUrl(run.reportGenerationId().toString()));
        return facet;
    }

    /** The report's page in this service's panel (lineage.openlineage.public-url), as the report facet names it. */
    String panelUrl(String reportGenerationId) {
        return trimSlash(properties.getPublicUrl().toString()) + "/#/reports/" + reportGenerationId;
    }

    private ObjectNode job(ReportRun run) {
        ObjectNode job = mapper.createObjectNode();
        job.put("namespace", properties.getNamespace());
        job.put("name", properties.getJobName());
        ObjectNode facets = job.putObject("facets");
        ObjectNode jobType = facet(JOB_TYPE_FACET);
        jobType.put("processingType", "BATCH");
        jobType.put("integration", "LINEAGE_PANEL");
        jobType.put("jobType", "TASK");
        facets.set("jobType", jobType);
        ObjectNode template = facet(facetSchemaUrl() + "#/$defs/TemplateJobFacet");
        template.put("templateVersionId", run.templateVersionId());
        facets.set(templateFacetName(), template);
        return job;
    }

    private ObjectNode dataset(String name) {
        return dataset(properties.getNamespace(), name);
    }

    private ObjectNode dataset(String namespace, String name) {
        ObjectNode dataset = mapper.createObjectNode();
        dataset.put("namespace", namespace);
        dataset.put("name", name);
        return dataset;
    }

    /** The PDF: named by its URI (or the report's id when none was sent), versioned by its SHA-256. */
    private ObjectNode pdf(ReportRun run) {
        String[] named = run.pdfUri() != null ? fileDataset(run.pdfUri()) : null;
        ObjectNode pdf = named != null
                ? dataset(named[0], named[1])
                : dataset(run.pdfUri() != null ? run.pdfUri() : "reports/" + run.reportGenerationId() + ".pdf");
        if (run.pdfSha256() != null) {
            ObjectNode version = facet(VERSION_FACET);
            version.put("datasetVersion", run.pdfSha256());
            pdf.putObject("facets").set("version", version);
        }
        return pdf;
    }

    /**
     * A file's {namespace, name} as OpenLineage's naming spec and its clients name a file (docs/OPENLINEAGE.md,
     * "The PDF's dataset name"), so the catalog joins the PDF with what other producers say about the same file:
     * namespace scheme://authority, name the path; an object store's key without its leading slash (s3a and s3n are
     * s3); {@code file:} paths in namespace {@code file}. The query (a signed URL's signature) is no part of a
     * dataset's name; the full URI stays in the report facet. Null for what names no such file (a relative path,
     * no authority, not a URI), which keeps the URI as a name in this service's namespace.
     */
    static String[] fileDataset(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = parsed.getScheme();
        String path = parsed.getPath();
        if (scheme == null || path == null || path.isEmpty() || "/".equals(path)) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if ("file".equals(scheme)) {
            return new String[] {"file", path};
        }
        String authority = parsed.getAuthority();
        if (authority == null || authority.isEmpty()) {
            return null;
        }
        String name = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (scheme.startsWith("s3")) {
            scheme = "s3";
        }
        if (scheme.equals("s3") || scheme.equals("gs") || scheme.equals("wasbs") || scheme.equals("abfss")) {
            name = name.startsWith("/") ? name.substring(1) : name;
        }
        return name.isEmpty() ? null : new String[] {scheme + "://" + authority, name};
    }

    private ObjectNode facet(String schemaUrl) {
        ObjectNode facet = mapper.createObjectNode();
        facet.put("_producer", PRODUCER);
        facet.put("_schemaURL", schemaUrl);
        return facet;
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static String time(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
