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
                        + " template_version_id, pdf_sha256, from, to, limit, cursor");
        assertThat(DeclaredParametersFilter.refusal(endpoint("get-lineage-by-report-id"), "tab")
                        .problem()
                        .detail())
                .endsWith("it takes no query parameters");
    }
}
