package com.leadfactory.lineage.api;

import static com.leadfactory.lineage.api.LineageApi.JSON;
import static com.leadfactory.lineage.api.LineageApi.LINEAGE_ID;

import com.leadfactory.lineage.api.Endpoint.Param;
import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.query.LegalHold;
import java.util.List;

/** The legal-hold endpoints (routes/legal-hold.yaml; docs/ARCHITECTURE.md, 'Legal hold'). */
final class HoldEndpoints {

    static final Param LEAD_ID = Param.path("lead_id", "the lead's id (UUID)");

    private HoldEndpoints() {}

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.put("/lineage/{lineage_id}/hold")
                        .id("place-lineage-hold")
                        .summary("Place a legal hold on one record: retention skips it, the database refuses"
                                + " to delete it")
                        .role(Role.ADMIN)
                        .audit("hold_place")
                        .to("direct:place-lineage-hold-http")
                        .param(LINEAGE_ID)
                        .body(LegalHold.Request.class, JSON)
                        .produces(JSON)
                        .response(201, "placed: the new hold", LegalHold.class, null)
                        .ok("already held: the hold as first placed, unchanged", LegalHold.class)
                        .build(),
                Endpoint.delete("/lineage/{lineage_id}/hold")
                        .id("release-lineage-hold")
                        .summary("Release the legal hold on one record (a hold on its lead stays)")
                        .role(Role.ADMIN)
                        .audit("hold_release")
                        .to("direct:release-lineage-hold-http")
                        .param(LINEAGE_ID)
                        .response(204, "released, or the record was not held", null, null)
                        .build(),
                Endpoint.put("/leads/{lead_id}/hold")
                        .id("place-lead-hold")
                        .summary("Place a legal hold on every record of a lead, those captured later included")
                        .role(Role.ADMIN)
                        .audit("hold_place")
                        .to("direct:place-lead-hold-http")
                        .param(LEAD_ID)
                        .body(LegalHold.Request.class, JSON)
                        .produces(JSON)
                        .response(201, "placed: the new hold", LegalHold.class, null)
                        .ok("already held: the hold as first placed, unchanged", LegalHold.class)
                        .build(),
                Endpoint.delete("/leads/{lead_id}/hold")
                        .id("release-lead-hold")
                        .summary("Release the legal hold on a lead (holds on single records stay)")
                        .role(Role.ADMIN)
                        .audit("hold_release")
                        .to("direct:release-lead-hold-http")
                        .param(LEAD_ID)
                        .response(204, "released, or the lead was not held", null, null)
                        .build());
    }
}
