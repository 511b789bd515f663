package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.api.EndpointCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredParametersFilterTest {

    private final EndpointCatalog catalog = new EndpointCatalog();

    private Endpoint endpoint(String id) {
        return catalog.endpoints().stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void queryNamesAreDecodedInOrderWithoutValues() {
        assertThat(DeclaredParametersFilter.queryNames("a=1&b&a=2&&lead%5Fid=x&%zz=1"))
                .containsExactly("a", "b", "a", "lead_id", "%zz");
        assertThat(DeclaredParametersFilter.queryNames(null)).isEmpty();
        assertThat(DeclaredParametersFilter.queryNames("")).isEmpty();
    }

    @Test
    void onlyNamesTheEndpointDeclaresPass() {
        Endpoint search = endpoint("search-lineage");
        assertThat(DeclaredParametersFilter.firstUndeclared(search, List.of("lead_id", "limit", "cursor")))
                .isEmpty();
        assertThat(DeclaredParametersFilter.firstUndeclared(search, List.of("lead_id", "lead", "x")))
                .contains("lead");
        // path variables are not query parameters
        assertThat(DeclaredParametersFilter.firstUndeclared(endpoint("get-lineage-by-report-id"), List.of("report_id")))
                .contains("report_id");
    }

    @Test
    void theRefusalNamesTheParameterTheEndpointAndWhatItTakes() {
        var refusal = DeclaredParametersFilter.refusal(endpoint("search-lineage"), "lead");
        assertThat(refusal.parameter()).isEqualTo("lead");
        assertThat(refusal.problem().status()).isEqualTo(400);
        assertThat(refusal.problem().detail())
                .isEqualTo("lead: is not a parameter of GET /api/lineage/search; it takes lead_id, pipeline_run_id,"
                        + " template_version_id, pdf_sha256, lineage_id, from, to, limit, cursor");
        assertThat(DeclaredParametersFilter.refusal(endpoint("get-lineage-by-report-id"), "tab")
                        .problem()
                        .detail())
                .endsWith("it takes no query parameters");
    }

    @Test
    void aValueIsTakenExactlyAsSentOrRefusedNamingTheParameter() {
        Endpoint audit = endpoint("search-audit-trail");
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "user_id=a%00b"))
                .get()
                .satisfies(r -> {
                    assertThat(r.parameter()).isEqualTo("user_id");
                    assertThat(r.problem().detail()).contains("control characters");
                });
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "action=ok&user_id=a%1Fb"))
                .get()
                .extracting(r -> r.parameter())
                .isEqualTo("user_id");
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "user_id=a%C2%85b")) // C1 control NEL
                .isPresent();
        assertThat(DeclaredParametersFilter.firstRefusal(
                        endpoint("search-lineage"), "template_version_id=v1%E2%80%AEgnp.exe")) // bidi override
                .get()
                .satisfies(r -> {
                    assertThat(r.parameter()).isEqualTo("template_version_id");
                    assertThat(r.problem().detail())
                            .isEqualTo("template_version_id: must not contain invisible format characters"
                                    + " (U+202E at position 3)");
                });
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "user_id=crm%E2%80%8B")) // zero-width space
                .isPresent();
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "user_id=a%E2%80%A8b")) // line separator
                .isPresent();
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "user_id=crm&user_id=aud1"))
                .get()
                .satisfies(r -> {
                    assertThat(r.parameter()).isEqualTo("user_id");
                    assertThat(r.problem().detail()).isEqualTo("user_id: must be given at most once");
                });
        for (String blank : List.of("lineage_id=", "lineage_id", "lineage_id=%20", "lineage_id=+")) {
            assertThat(DeclaredParametersFilter.firstRefusal(audit, blank))
                    .as(blank)
                    .get()
                    .extracting(r -> r.parameter())
                    .isEqualTo("lineage_id");
        }
        for (String undecodable : List.of("user_id=%zz", "user_id=a%2", "user_id=%C3%28", "user_id=%ED%A0%80")) {
            assertThat(DeclaredParametersFilter.firstRefusal(audit, undecodable))
                    .as(undecodable)
                    .get()
                    .satisfies(r -> assertThat(r.problem().detail()).endsWith("is not percent-encoded UTF-8"));
        }
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "user_id=Ren%C3%A9+D.&from=2026-01-01T00:00:00Z"))
                .isEmpty();
        // an undeclared name is named before anything about the values
        assertThat(DeclaredParametersFilter.firstRefusal(audit, "usr=%00"))
                .get()
                .satisfies(r -> assertThat(r.problem().detail()).contains("is not a parameter of"));
    }

    @Test
    void valuesAreDecodedAsTheContainerDoes() {
        assertThat(DeclaredParametersFilter.decode("a+b%2Bc%C3%BC")).isEqualTo("a b+c\u00fc");
        assertThat(DeclaredParametersFilter.decode("%")).isNull();
    }
}
