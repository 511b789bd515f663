package com.leadfactory.lineage.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.support.H2ApiTestBase;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The catalog against the running service: every REST verb has exactly one declaration and every declaration one
 * verb, served by a {@code direct:} route from a file of routes/; refusing each endpoint to a caller without its
 * role answers 403 and audits the endpoint's own action (nothing for endpoints that read no record); the OpenAPI
 * document says what the catalog says.
 */
class EndpointCatalogApiTest extends H2ApiTestBase {

    /** The test clients of ApiTestBase and the roles they are configured with. */
    private static final Map<String, Role> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put(INGEST_KEY, Role.INGEST);
        CLIENTS.put(VIEWER_KEY, Role.VIEWER);
        CLIENTS.put(AUDITOR_KEY, Role.AUDITOR);
        CLIENTS.put(ADMIN_KEY, Role.ADMIN);
    }

    private static final Map<String, String> NAMES = Map.of(
            INGEST_KEY, "test-pipeline",
            VIEWER_KEY, "test-viewer",
            AUDITOR_KEY, "test-auditor",
            ADMIN_KEY, "test-admin");

    @Autowired
    CamelContext camel;

    @Autowired
    EndpointCatalog catalog;

    private List<Endpoint> routed() {
        return catalog.endpoints().stream()
                .filter(e -> !e.servesTheApiDocument())
                .toList();
    }

    @Test
    void everyRestVerbHasExactlyOneDeclarationAndEveryDeclarationOneVerb() {
        List<String> verbs = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) camel).getRestDefinitions()) {
            String base = rest.getPath() == null ? "" : rest.getPath();
            for (VerbDefinition verb : rest.getVerbs()) {
                verbs.add(verb.asVerb().toUpperCase() + " " + base + verb.getPath() + " -> "
                        + verb.getTo().getUri());
            }
        }
        List<String> declared = routed().stream()
                .map(e -> e.method() + " " + e.path().text() + " -> " + e.route())
                .toList();
        assertThat(verbs).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(camel.getRestConfiguration().getContextPath()).isEqualTo(Endpoint.API_PREFIX);
    }

    /** Route ids show in logs, metrics and the health of routes: every one is named, in kebab-case, none "route1". */
    @Test
    void everyRouteRunningInTheServiceHasAKebabCaseId() {
        assertThat(camel.getRoutes())
                .isNotEmpty()
                .allSatisfy(route -> assertThat(route.getRouteId())
                        .as("the route from %s", route.getEndpoint().getEndpointUri())
                        .matches("[a-z][a-z0-9]*(-[a-z0-9]+)+"));
        assertThat(camel.getRoute(catalog.apiDocument().id()))
                .as("the OpenAPI document's route")
                .isNotNull();
    }

    @Test
    void everyDeclaredRouteIsServedByARouteFromAFileOfRoutes() {
        for (Endpoint endpoint : routed()) {
            String uri = endpoint.route().replace("direct:", "direct://");
            List<Route> consumers = camel.getRoutes().stream()
                    .filter(r -> r.getEndpoint().getEndpointUri().equals(uri))
                    .toList();
            assertThat(consumers).as("the route consuming %s", endpoint.route()).hasSize(1);
            assertThat(consumers.get(0).getSourceLocation())
                    .as("where %s comes from", endpoint.route())
                    .matches(".*routes/[a-z0-9-]+\\.yaml(:\\d+)?");
        }
    }

    @Test
    void theRouteOfEachAuditedEndpointWritesItsAction() {
        for (Endpoint endpoint : routed()) {
            Set<String> actions = new TreeSet<>();
            boolean audits = reaches(endpoint.route(), new HashSet<>(), actions);
            assertThat(audits)
                    .as("%s's route writes audit rows (the declaration says %s)", endpoint, declared(endpoint))
                    .isEqualTo(endpoint.auditsServedCalls());
            if (audits) {
                assertThat(actions)
                        .as("the auditAction the route of %s sets", endpoint)
                        .containsExactly(endpoint.auditAction());
            }
        }
    }

    private static String declared(Endpoint endpoint) {
        if (endpoint.auditAction() == null) {
            return "notAudited()";
        }
        return endpoint.auditsServedCalls() ? "audit(...)" : "auditRefusals(...)";
    }

    /**
     * Walks the route consuming {@code uri} and the direct: routes it calls: collects the constant auditAction
     * properties they set, and says whether any of them writes an audit row.
     */
    private boolean reaches(String uri, Set<String> seen, Set<String> actions) {
        if (!seen.add(uri)) {
            return false;
        }
        boolean audits = uri.equals("direct:write-audit-row");
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            if (!uri.equals(route.getInput().getEndpointUri())) {
                continue;
            }
            for (SetPropertyDefinition set :
                    ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), SetPropertyDefinition.class)) {
                if (set.getName().equals("auditAction")) {
                    actions.add(set.getExpression().getExpression());
                }
            }
            for (ToDefinition to :
                    ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                if (to.getUri().startsWith("direct:")) {
                    audits |= reaches(to.getUri(), seen, actions);
                }
            }
        }
        return audits;
    }

    @Test
    void refusingEachEndpointToACallerWithoutItsRoleAuditsItsOwnAction() {
        List<Endpoint> guarded = routed().stream().filter(e -> e.role() != null).toList();
        assertThat(guarded).isNotEmpty();
        for (Endpoint endpoint : guarded) {
            String key = callerWithout(endpoint.role());
            String requestId = "refused-" + UUID.randomUUID();
            Map<String, String> variables = new LinkedHashMap<>();
            endpoint.path()
                    .variables()
                    .forEach(v -> variables.put(v, UUID.randomUUID().toString()));
            String path = endpoint.fullPath();
            for (var variable : variables.entrySet()) {
                path = path.replace("{" + variable.getKey() + "}", variable.getValue());
            }
            as(key).header("X-Request-Id", requestId)
                    .contentType("application/json")
                    .body("{}")
                    .request(endpoint.method().name(), path)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            if (endpoint.method() == Endpoint.Method.GET) {
                // a GET route answers HEAD too: the same role guards it
                as(key).head(path).then().statusCode(403);
            }

            List<Map<String, Object>> rows =
                    jdbc.queryForList("SELECT * FROM report_lineage_audit WHERE request_id = ?", requestId);
            if (endpoint.auditAction() == null) {
                assertThat(rows).as("a refused %s reads no record", endpoint).isEmpty();
                continue;
            }
            assertThat(rows).as("the audit row of a refused %s", endpoint).hasSize(1);

            Map<String, Object> row = rows.get(0);
            assertThat(row.get("action")).as("action of %s", endpoint).isEqualTo(endpoint.auditAction());
            assertThat(row.get("outcome")).isEqualTo("denied");
            assertThat(row.get("user_id")).isEqualTo(NAMES.get(key));
            assertThat(String.valueOf(row.get("lineage_id")))
                    .as("lineage_id of %s", endpoint)
                    .isEqualTo(String.valueOf(variables.get("lineage_id")));
        }
    }

    @Test
    void pathsOutsideTheCatalogNeedCredentialsAndAreNotFound() {
        RestAssured.given().port(port).get("/api/nothing-here").then().statusCode(401);
        as(INGEST_KEY).get("/api/nothing-here").then().statusCode(404);
        as(INGEST_KEY)
                .get("/api/lineage/" + UUID.randomUUID() + "/nothing-here")
                .then()
                .statusCode(404);
    }

    @Test
    void theOpenApiDocumentSaysWhatTheCatalogSays() {
        Endpoint document = catalog.apiDocument();
        JsonPath openApi = as(INGEST_KEY)
                .get(document.fullPath())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (Endpoint endpoint : routed()) {
            String operation = "paths.'" + endpoint.path().text() + "'."
                    + endpoint.method().name().toLowerCase();
            assertThat(openApi.getString(operation + ".operationId")).isEqualTo(endpoint.id());
            assertThat(openApi.getString(operation + ".summary")).isEqualTo(endpoint.summary());
            Map<String, Object> responses = openApi.getMap(operation + ".responses");
            assertThat(responses.keySet())
                    .as("responses of %s", endpoint)
                    .containsExactlyInAnyOrderElementsOf(endpoint.documentedResponses().stream()
                            .map(r -> String.valueOf(r.status()))
                            .toList());
            List<String> params = openApi.getList(operation + ".parameters.name");
            assertThat(params == null ? List.of() : params)
                    .as("parameters of %s", endpoint)
                    .containsExactlyElementsOf(
                            endpoint.params().stream().map(Endpoint.Param::name).toList());
        }
        assertThat(openApi.getString(
                        "paths.'/lineage/stats'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/LineageStats");
        assertThat(openApi.getString("components.schemas.LineageStats.properties.coverage.type"))
                .isEqualTo("number");
        // Camel files every response under the verb's produces; the schema is what tells a problem apart
        assertThat(openApi.getMap("paths.'/lineage/{lineage_id}/download'.get.responses.'403'.content")
                        .toString())
                .contains("#/components/schemas/ProblemBody");
    }

    private static String callerWithout(Role role) {
        for (var client : CLIENTS.entrySet()) {
            Set<Role> effective = EnumSet.of(client.getValue());
            effective.addAll(client.getValue().holds());
            if (!effective.contains(role)) {
                return client.getKey();
            }
        }
        throw new AssertionError("every test client holds " + role + ": add one that does not");
    }
}
