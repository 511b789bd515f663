package com.leadfactory.lineage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.problem.ProblemBody;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static Endpoint.Builder holdPlacement() {
        return Endpoint.put("/lineage/{lineage_id}/hold")
                .id("place-hold")
                .summary("Place a legal hold")
                .role(Role.ADMIN)
                .audit("hold_place")
                .to("direct:place-hold-http");
    }

    /** Reads no record: only a refused call is audited. */
    private static Endpoint counts() {
        return Endpoint.get("/lineage/stats")
                .id("get-lineage-stats")
                .summary("counts")
                .role(Role.VIEWER)
                .auditRefusals("stats")
                .to("direct:lineage-stats")
                .build();
    }

    @Test
    void theStandardErrorsAreDerivedFromTheDeclaration() {
        Endpoint hold = holdPlacement().problem(409, "already held").build();
        assertThat(hold.documentedResponses())
                .extracting(Endpoint.Response::status)
                .containsExactly(400, 401, 403, 404, 409);
        assertThat(hold.documentedResponses().get(0).model()).isEqualTo(ProblemBody.class);
        assertThat(hold.params())
                .as("a path variable without a declared parameter is still documented")
                .extracting(Endpoint.Param::name)
                .containsExactly("lineage_id");

        Endpoint me = Endpoint.get("/me")
                .id("get-me")
                .summary("me")
                .anyAuthenticated()
                .notAudited()
                .to("direct:me-http")
                .ok("the caller")
                .build();
        assertThat(me.documentedResponses())
                .as("no role, no parameters, no record: only 401 besides its own")
                .extracting(Endpoint.Response::status)
                .containsExactly(200, 401);
        assertThat(me.fullPath()).isEqualTo("/api/me");
        assertThat(me.toString()).isEqualTo("GET /api/me");
    }

    @Test
    void anEndpointCanAuditOnlyItsRefusals() {
        Endpoint counts = counts();
        assertThat(counts.auditAction()).isEqualTo("stats");
        assertThat(counts.auditsServedCalls()).isFalse();
        assertThat(holdPlacement().build().auditsServedCalls()).isTrue();
    }

    @Test
    void theAccessNoteSaysTheRoleWhoHoldsItAndWhatIsAudited() {
        Endpoint counts = counts();
        assertThat(counts.accessNote())
                .isEqualTo("Needs the role viewer (auditor and admin hold it too)."
                        + " A refused call writes an audit row (action stats).");
        assertThat(holdPlacement().build().accessNote())
                .isEqualTo("Needs the role admin. Every call, a refused one too, writes an audit row (action"
                        + " hold_place).");
        Endpoint me = Endpoint.get("/me")
                .id("get-me")
                .summary("me")
                .anyAuthenticated()
                .notAudited()
                .to("direct:me-http")
                .build();
        assertThat(me.accessNote()).isEqualTo("Any authenticated client.");
    }

    @Test
    void anEndpointOwnDescriptionOfAStandardStatusWins() {
        Endpoint hold = holdPlacement().problem(404, "no such record or lead").build();
        assertThat(hold.documentedResponses())
                .filteredOn(r -> r.status() == 404)
                .extracting(Endpoint.Response::description)
                .containsExactly("no such record or lead");
    }

    @Test
    void aDeclarationThatLeavesOutADecisionIsRefused() {
        assertThatThrownBy(() -> Endpoint.get("/x")
                        .id("x")
                        .summary("x")
                        .notAudited()
                        .to("direct:x")
                        .build())
                .hasMessageContaining("role(...) or anyAuthenticated()");
        assertThatThrownBy(() -> Endpoint.get("/x")
                        .id("x")
                        .summary("x")
                        .role(Role.VIEWER)
                        .to("direct:x")
                        .build())
                .hasMessageContaining("or notAudited()");
        assertThatThrownBy(() -> holdPlacement().audit("Hold-Place").build()).hasMessageContaining("lower_snake_case");
        assertThatThrownBy(() -> holdPlacement().to("seda:x").build()).hasMessageContaining("direct:");
        assertThatThrownBy(() -> holdPlacement().id("PlaceHold").build()).hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> holdPlacement().ok("a").ok("b").build()).hasMessageContaining("twice");
        assertThatThrownBy(() -> holdPlacement()
                        .param(Endpoint.Param.path("lead_id", "x"))
                        .build())
                .hasMessageContaining("not in the path");
        assertThatThrownBy(() -> Endpoint.get("/lineage/{Bad}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.get("/lineage/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalSegmentsComeBeforeVariables() {
        List<PathTemplate> ordered = new java.util.ArrayList<>(List.of(
                PathTemplate.parse("/lineage/{report_id}"),
                PathTemplate.parse("/lineage/{lineage_id}/logs"),
                PathTemplate.parse("/lineage/search"),
                PathTemplate.parse("/audit/{audit_id}/proof"),
                PathTemplate.parse("/audit/verify")));
        ordered.sort(PathTemplate.MORE_SPECIFIC_FIRST);
        assertThat(ordered.indexOf(PathTemplate.parse("/lineage/search")))
                .isLessThan(ordered.indexOf(PathTemplate.parse("/lineage/{report_id}")));
        assertThat(ordered.indexOf(PathTemplate.parse("/audit/verify")))
                .isLessThan(ordered.indexOf(PathTemplate.parse("/audit/{audit_id}/proof")));
        assertThat(PathTemplate.parse("/lineage/{report_id}").shape())
                .isEqualTo(PathTemplate.parse("/lineage/{lineage_id}").shape());
    }

    @Test
    void compareDocumentsItsNotFoundBusyAndPurposeHeader() {
        Endpoint compare = LineageApi.endpoints().stream()
                .filter(e -> e.id().equals("compare-lineage"))
                .findFirst()
                .orElseThrow();
        assertThat(compare.documentedResponses())
                .extracting(Endpoint.Response::status)
                .contains(400, 404, 413, 503);
        assertThat(compare.documentedResponses())
                .filteredOn(r -> r.status() == 503)
                .singleElement()
                .satisfies(r -> assertThat(r.description()).contains("compare-busy"));
        assertThat(compare.params())
                .filteredOn(p -> p.in() == Endpoint.Param.In.HEADER)
                .extracting(Endpoint.Param::name, Endpoint.Param::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("X-Access-Purpose", false));
    }

    @Test
    void theWholeCatalogIsOrderedLiteralFirstByAConsistentOrder() {
        List<PathTemplate> paths =
                LineageApi.endpoints().stream().map(Endpoint::path).toList();
        for (PathTemplate a : paths) {
            for (PathTemplate b : paths) {
                int ab = Integer.signum(PathTemplate.MORE_SPECIFIC_FIRST.compare(a, b));
                assertThat(ab)
                        .as("%s vs %s", a, b)
                        .isEqualTo(-Integer.signum(PathTemplate.MORE_SPECIFIC_FIRST.compare(b, a)));
                for (PathTemplate c : paths) {
                    if (ab < 0 && PathTemplate.MORE_SPECIFIC_FIRST.compare(b, c) < 0) {
                        assertThat(PathTemplate.MORE_SPECIFIC_FIRST.compare(a, c))
                                .as("%s < %s < %s", a, b, c)
                                .isNegative();
                    }
                }
            }
        }
        List<Endpoint> ordered = new EndpointCatalog(LineageApi.endpoints()).mostSpecificFirst();
        for (Endpoint literal : ordered) {
            for (Endpoint variable : ordered) {
                if (literal != variable && shadows(variable.path(), literal.path())) {
                    assertThat(ordered.indexOf(literal))
                            .as("%s is tried before %s, which would also match it", literal.path(), variable.path())
                            .isLessThan(ordered.indexOf(variable));
                }
            }
        }
    }

    /** Every path {@code specific} matches is also matched by {@code general}, and general has a variable more. */
    private static boolean shadows(PathTemplate general, PathTemplate specific) {
        List<String> g = List.of(general.text().substring(1).split("/"));
        List<String> s = List.of(specific.text().substring(1).split("/"));
        if (g.size() != s.size() || general.shape().equals(specific.shape())) {
            return false;
        }
        for (int i = 0; i < g.size(); i++) {
            boolean gVariable = g.get(i).startsWith("{");
            boolean sVariable = s.get(i).startsWith("{");
            if (!gVariable && (sVariable || !g.get(i).equals(s.get(i)))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theCatalogRefusesTwoEndpointsOfOneShapeOrTwoApiDocuments() {
        Endpoint a = holdPlacement().build();
        Endpoint sameShape = Endpoint.put("/lineage/{report_id}/hold")
                .id("other")
                .summary("x")
                .role(Role.ADMIN)
                .notAudited()
                .to("direct:other")
                .build();
        Endpoint document = Endpoint.get("/openapi.json")
                .id("doc")
                .summary("doc")
                .anyAuthenticated()
                .notAudited()
                .apiDocument()
                .build();
        assertThatThrownBy(() -> new EndpointCatalog(List.of(a, sameShape, document)))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> new EndpointCatalog(List.of(a))).hasMessageContaining("OpenAPI document");
        assertThat(new EndpointCatalog(List.of(a, document)).apiDocument()).isEqualTo(document);
        assertThat(new EndpointCatalog().endpoints()).isEqualTo(LineageApi.endpoints());
    }
}
