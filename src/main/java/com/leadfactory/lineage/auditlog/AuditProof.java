package com.leadfactory.lineage.auditlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * One access proven on its own: the row as the canonical text of each column, its leaf hash (SHA-256 of 0x00 and
 * the row's canonical bytes), and the RFC 6962 audit path from it to the root of a signed checkpoint. Anyone with
 * the public key can check it without the rest of the log (README, "Proving the audit trail").
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditProof(
        @Schema(
                description = "each column by name, as its canonical text; null where the column is NULL",
                additionalPropertiesSchema = ColumnText.class)
        @JsonProperty("row")
        Map<String, String> row,

        @JsonProperty("row_format") String rowFormat,
        @JsonProperty("seq") long seq,
        @JsonProperty("leaf_index") long leafIndex,
        @JsonProperty("leaf_hash") String leafHash,
        @JsonProperty("tree_size") long treeSize,
        @JsonProperty("root_hash") String rootHash,
        @JsonProperty("audit_path") List<String> auditPath,
        @JsonProperty("checkpoint") String checkpoint) {

    /** A column's canonical text, or null for SQL NULL (the OpenAPI document's type of the row's values). */
    @Schema(name = "ColumnText", type = "string", nullable = true)
    public interface ColumnText {}
}
