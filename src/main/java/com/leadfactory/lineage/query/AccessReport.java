package com.leadfactory.lineage.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An access that happened in another system (a CRM showed the PDF, a support tool downloaded it), as that system
 * reports it to {@code POST /api/lineage/{lineage_id}/audit}: the request body's schema. {@code action} is one
 * of {@link #ACTIONS}; {@code event_id} is the system's own id of the event and makes the write idempotent.
 */
public record AccessReport(
        @JsonProperty(value = "action", required = true) String action,

        @JsonProperty(value = "on_behalf_of", required = true)
        String onBehalfOf,

        @JsonProperty(value = "occurred_at", required = true)
        String occurredAt,

        @JsonProperty("purpose") String purpose,
        @JsonProperty(value = "event_id", required = true) String eventId) {

    /** The accesses another system may record here (docs/ARCHITECTURE.md, "Audit writes from other systems"). */
    public static final List<String> ACTIONS =
            List.of("pdf_view", "pdf_download", "pdf_share", "pdf_print", "pdf_email");
}
