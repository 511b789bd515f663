package com.leadfactory.lineage.openlineage;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the OpenLineage events of one captured report say: the lineage row's columns and the PDF's address. Built
 * from a capture (the completion and its new row) or from a stored record (docs/OPENLINEAGE.md, "Mapping").
 */
public record ReportRun(
        UUID lineageId,
        UUID reportGenerationId,
        UUID leadId,
        UUID pipelineRunId,
        String templateVersionId,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        long rawInputsSizeBytes,
        String rawInputsSha256,
        boolean truncated,
        String pdfUri,
        String pdfSha256,
        Long pdfSizeBytes) {}
