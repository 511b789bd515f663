package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Audit writes from other systems, and the search and export of the whole trail, over real HTTP; run on H2 and
 * PostgreSQL.
 */
interface AuditTrailApiContract extends ApiTestSupport {

    ObjectMapper JSON = new ObjectMapper();

    /** Captures one report and returns its lineage_id. */
    private String record() {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        Map<String, Object> message = source().withTemplate(
                        source().report(UUID.randomUUID(), finished.minusSeconds(30), finished), "tpl@trail-search");
        return (String) postCompletion(message).get("lineage_id");
    }

    private String reportIdOf(String lineageId) {
        return jdbc().queryForObject(
                        "SELECT report_generation_id FROM report_lineage WHERE id = ?",
                        Object.class,
                        UUID.fromString(lineageId))
                .toString();
    }

    private static Map<String, Object> access(String eventId) {
        Map<String, Object> access = new HashMap<>();
        access.put("action", "pdf_view");
        access.put("on_behalf_of", "jane.doe@crm.example");
        access.put("occurred_at", "2026-11-20T09:30:00+01:00");
        access.put("purpose", "TICKET-4711");
        access.put("event_id", eventId);
        return access;
    }

    private Response post(String lineageId, Object body) {
        return post(lineageId, "crm-connector/2.1", body);
    }

    /** Records an access as the CRM would, from a client with this user agent. */
    private Response post(String lineageId, String userAgent, Object body) {
        return as(AUDIT_WRITER_KEY)
                .header("User-Agent", userAgent)
                .header("X-Request-Id", "crm-" + UUID.randomUUID())
                .contentType("application/json")
                .body(body)
                .post("/api/lineage/" + lineageId + "/audit");
    }

    /** One record's whole trail as an export in this media type. */
    private String exportOf(String lineageId, String mediaType) {
        return as(AUDITOR_KEY)
                .accept(mediaType)
                .queryParam("lineage_id", lineageId)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private List<Map<String, Object>> rowsOf(String lineageId) {
        return jdbc().queryForList(
                        "SELECT * FROM report_lineage_audit WHERE lineage_id = ? ORDER BY accessed_at, id",
                        UUID.fromString(lineageId));
    }

    @Test
    default void anAccessInAnotherSystemIsRecordedOnceAndShowsInTheRecordsTrail() {
        String lineageId = record();
        String eventId = "evt-" + UUID.randomUUID();

        Response created = post(lineageId, access(eventId));
        created.then()
                .statusCode(201)
                .contentType("application/json")
                .header("Location", "/api/lineage/" + lineageId + "/audit")
                .body("lineage_id", equalTo(lineageId))
                .body("action", equalTo("pdf_view"))
                .body("user_id", equalTo("test-crm"))
                .body("user_agent", equalTo("crm-connector/2.1"))
                .body("outcome", equalTo("ok"))
                .body("on_behalf_of", equalTo("jane.doe@crm.example"))
                .body("occurred_at", equalTo("2026-11-20T08:30:00Z"))
                .body("purpose", equalTo("TICKET-4711"))
                .body("event_id", equalTo(eventId));
        String id = created.path("id");

        // the same event again: the same row, 200, nothing new
        post(lineageId, access(eventId)).then().statusCode(200).body("id", equalTo(id));
        Map<String, Object> sameInstant = access(eventId);
        sameInstant.put("occurred_at", "2026-11-20T08:30:00Z");
        post(lineageId, sameInstant).then().statusCode(200).body("id", equalTo(id));

        List<Map<String, Object>> rows = rowsOf(lineageId).stream()
                .filter(r -> eventId.equals(r.get("event_id")))
                .toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("user_id")).isEqualTo("test-crm");
        assertThat(rows.get(0).get("ip_address")).isNotNull();
        assertThat(rows.get(0).get("request_id")).asString().startsWith("crm-");

        // the record's access history shows it with its source system and the person it acted for
        as(AUDITOR_KEY)
                .get("/api/lineage/" + lineageId + "/audit")
                .then()
                .statusCode(200)
                .body("items.find { it.event_id == '" + eventId + "' }.user_id", equalTo("test-crm"))
                .body("items.find { it.event_id == '" + eventId + "' }.on_behalf_of", equalTo("jane.doe@crm.example"));

        // the same event id from another client is that client's own event
        as(ADMIN_KEY)
                .contentType("application/json")
                .body(access(eventId))
                .post("/api/lineage/" + lineageId + "/audit")
                .then()
                .statusCode(201)
                .body("user_id", equalTo("test-admin"));
    }

    @Test
    default void aResentEventWithOtherContentIsAConflictNamingTheFields() {
        String lineageId = record();
        String eventId = "evt-" + UUID.randomUUID();
        post(lineageId, access(eventId)).then().statusCode(201);

        Map<String, Object> changed = access(eventId);
        changed.put("action", "pdf_download");
        changed.put("purpose", null);
        Response conflict = post(lineageId, changed);
        conflict.then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lineage:problem:conflicting-access-report"));
        assertThat(conflict.jsonPath().getList("errors.field")).containsExactlyInAnyOrder("action", "purpose");

        String other = record();
        Response moved = post(other, access(eventId));
        moved.then().statusCode(409);
        assertThat(moved.jsonPath().getList("errors.field")).containsExactly("lineage_id");
        assertThat(rowsOf(other)).isEmpty();
    }

    @Test
    default void theSameEventSentTwiceAtOnceIsOneRow() throws Exception {
        String lineageId = record();
        for (int round = 0; round < 5; round++) {
            String eventId = "evt-" + UUID.randomUUID();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return post(lineageId, access(eventId)).statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (var answer : answers) {
                    statuses.add(answer.get());
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 200);
            } finally {
                pool.shutdown();
            }
            assertThat(jdbc().queryForObject(
                                    "SELECT COUNT(*) FROM report_lineage_audit WHERE event_id = ?",
                                    Integer.class,
                                    eventId))
                    .isEqualTo(1);
        }
    }

    @Test
    default void anUnknownRecordIsNotFoundAndNothingIsWritten() {
        String unknown = UUID.randomUUID().toString();
        post(unknown, access("evt-" + UUID.randomUUID()))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(rowsOf(unknown)).isEmpty();
    }

    @Test
    default void eachBadFieldIsA400NamingItAndNothingIsWritten() {
        String lineageId = record();
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("action", new Object[] {"action", "pdf_burn"});
        cases.put("occurred_at future", new Object[] {
            "occurred_at", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10).toString()
        });
        cases.put("occurred_at format", new Object[] {"occurred_at", "2026-11-20 09:30"});
        cases.put("occurred_at offset", new Object[] {"occurred_at", "2026-11-20T09:30:00"});
        cases.put("on_behalf_of long", new Object[] {"on_behalf_of", "x".repeat(256)});
        cases.put("on_behalf_of control", new Object[] {"on_behalf_of", "jane\u0000doe"});
        cases.put("on_behalf_of missing", new Object[] {"on_behalf_of", null});
        cases.put("purpose short", new Object[] {"purpose", "ab"});
        cases.put("purpose long", new Object[] {"purpose", "p".repeat(201)});
        cases.put("purpose control", new Object[] {"purpose", "ticket\n42"});
        cases.put("event_id long", new Object[] {"event_id", "e".repeat(129)});
        cases.put("event_id space", new Object[] {"event_id", "evt 1"});
        cases.put("event_id missing", new Object[] {"event_id", null});
        cases.put("action number", new Object[] {"action", 42});
        cases.put("on_behalf_of right-to-left override", new Object[] {"on_behalf_of", "jane\u202Eeod"});
        cases.put("on_behalf_of line separator", new Object[] {"on_behalf_of", "jane\u2028doe"});
        cases.put("on_behalf_of paragraph separator", new Object[] {"on_behalf_of", "jane\u2029doe"});
        cases.put("purpose right-to-left mark", new Object[] {"purpose", "TICKET\u200F-1"});
        for (var c : cases.entrySet()) {
            Map<String, Object> body = access("evt-" + UUID.randomUUID());
            String field = (String) c.getValue()[0];
            if (c.getValue()[1] == null) {
                body.remove(field);
            } else {
                body.put(field, c.getValue()[1]);
            }
            Response refused = post(lineageId, body);
            assertThat(refused.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(refused.jsonPath().getList("errors.field"))
                    .as(c.getKey())
                    .containsExactly(field);
        }
        Map<String, Object> unknownField = access("evt-" + UUID.randomUUID());
        unknownField.put("purpse", "TICKET-1");
        assertThat(post(lineageId, unknownField).jsonPath().getList("errors.field"))
                .containsExactly("purpse");
        assertThat(post(lineageId, "not json").jsonPath().getList("errors.field"))
                .containsExactly("body");
        // half a surrogate pair is not text (it was stored as '?'); a field given twice is ambiguous (the last won)
        String lone = "{\"action\":\"pdf_view\",\"on_behalf_of\":\"a\\ud800b\","
                + "\"occurred_at\":\"2026-01-01T00:00:00Z\",\"event_id\":\"evt-" + UUID.randomUUID() + "\"}";
        assertThat(post(lineageId, lone).jsonPath().getList("errors.field")).containsExactly("on_behalf_of");
        String twice = "{\"action\":\"pdf_view\",\"on_behalf_of\":\"jane\",\"occurred_at\":\"2026-01-01T00:00:00Z\","
                + "\"event_id\":\"h4-" + UUID.randomUUID() + "\",\"event_id\":\"h5-" + UUID.randomUUID() + "\"}";
        Response duplicate = post(lineageId, twice);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.jsonPath().getList("errors.field")).containsExactly("event_id");
        assertThat(post(lineageId, "[]").jsonPath().getList("errors.field")).containsExactly("body");
        post("not-a-uuid", access("evt-1")).then().statusCode(400).body("errors[0].field", equalTo("lineage_id"));
        assertThat(rowsOf(lineageId)).isEmpty();
    }

    @Test
    default void occurredAtHasALowerBoundAndAnyStoredTimeReadsBackAsStored() throws Exception {
        String lineageId = record();
        for (String early : List.of("1500-03-01T00:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            Map<String, Object> body = access("evt-" + UUID.randomUUID());
            body.put("occurred_at", early);
            Response refused = post(lineageId, body);
            assertThat(refused.statusCode()).as(early).isEqualTo(400);
            assertThat(refused.jsonPath().getList("errors.field")).containsExactly("occurred_at");
        }
        Map<String, Object> nanos = access("evt-" + UUID.randomUUID());
        nanos.put("occurred_at", "2026-01-01T00:00:00.123456789Z");
        assertThat(post(lineageId, nanos).jsonPath().getList("errors.field")).containsExactly("occurred_at");
        Map<String, Object> epoch = access("evt-" + UUID.randomUUID());
        epoch.put("occurred_at", "1970-01-01T00:00:00Z");
        post(lineageId, epoch).then().statusCode(201).body("occurred_at", equalTo("1970-01-01T00:00:00Z"));
        post(lineageId, epoch).then().statusCode(200);

        // a row written before the bound existed (or by SQL) still reads as stored: no calendar shift
        String user = "early-" + UUID.randomUUID();
        jdbc().update(
                        "INSERT INTO report_lineage_audit (id, action, user_id, accessed_at, outcome, occurred_at)"
                                + " VALUES (?, 'pdf_view', ?, ?, 'ok', ?)",
                        com.leadfactory.lineage.db.TimeOrderedUuid.next(),
                        user,
                        OffsetDateTime.parse("1500-03-01T00:00:00Z"),
                        OffsetDateTime.parse("0001-01-01T00:00:00Z"));
        as(AUDITOR_KEY)
                .queryParam("user_id", user)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items[0].accessed_at", equalTo("1500-03-01T00:00:00Z"))
                .body("items[0].occurred_at", equalTo("0001-01-01T00:00:00Z"));
        String ndjson = as(AUDITOR_KEY)
                .accept("application/x-ndjson")
                .queryParam("user_id", user)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode row = JSON.readTree(ndjson.split("\n")[0]);
        assertThat(row.get("accessed_at").asText()).isEqualTo("1500-03-01T00:00:00Z");
        assertThat(row.get("occurred_at").asText()).isEqualTo("0001-01-01T00:00:00Z");
    }

    /** The 201 shows the row as stored: the 200 of a resend, and the trail, show the very same values. */
    @Test
    default void theCreatedAnswerIsTheStoredRow() {
        String lineageId = record();
        String eventId = "evt-" + UUID.randomUUID();
        Map<String, Object> created = post(lineageId, access(eventId))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
        Map<String, Object> resent = post(lineageId, access(eventId))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        assertThat(created).isEqualTo(resent);
    }

    @Test
    default void theWholeTrailIsSearchedByFiltersNewestFirstPagedAndTheSearchIsAudited() {
        String lineageId = record();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = access("evt-" + UUID.randomUUID());
            body.put("action", i % 2 == 0 ? "pdf_view" : "pdf_print");
            post(lineageId, body).then().statusCode(201);
        }
        as(VIEWER_KEY).get("/api/lineage/" + lineageId + "/logs").then().statusCode(200);

        JsonPath all = as(AUDITOR_KEY)
                .header("X-Request-Id", "search-all-" + lineageId)
                .queryParam("lineage_id", lineageId)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("items", hasSize(6))
                .body("next_cursor", nullValue())
                .extract()
                .jsonPath();
        List<String> times = all.getList("items.accessed_at");
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all.getString("items[0].action")).isEqualTo("logs");
        // rows name their record's report, for links to it
        assertThat(all.getList("items.report_generation_id")).containsOnly(reportIdOf(lineageId));

        as(AUDITOR_KEY)
                .queryParam("lineage_id", lineageId)
                .queryParam("user_id", "test-crm")
                .queryParam("action", "pdf_print")
                .queryParam("outcome", "ok")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items.action", everyItemIs("pdf_print"));
        as(AUDITOR_KEY)
                .queryParam("lineage_id", lineageId)
                .queryParam("outcome", "denied")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        as(AUDITOR_KEY)
                .queryParam("lineage_id", lineageId)
                .queryParam("to", "2000-01-01T00:00:00Z")
                .get("/api/audit")
                .then()
                .body("items", hasSize(0));
        as(AUDITOR_KEY)
                .queryParam("lineage_id", lineageId)
                .queryParam(
                        "from", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString())
                .get("/api/audit")
                .then()
                .body("items", hasSize(6));

        // pages of two, by cursor, add up to the whole
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(AUDITOR_KEY).queryParam("lineage_id", lineageId).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page =
                    request.get("/api/audit").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertThat(paged).isEqualTo(all.getList("items.id"));

        // the search itself is on record, with its criteria and count
        Map<String, Object> audit = jdbc().queryForMap(
                        "SELECT * FROM report_lineage_audit WHERE request_id = ?", "search-all-" + lineageId);
        assertThat(audit.get("action")).isEqualTo("audit_search");
        assertThat(audit.get("user_id")).isEqualTo("test-auditor");
        assertThat(audit.get("lineage_id")).isNull();
        assertThat(audit.get("details").toString())
                .contains("\"lineage_id\":\"" + lineageId + "\"")
                .contains("\"result_count\":6");
    }

    /** "What did alice access?" covers what she did through another system, which reported it on her behalf. */
    @Test
    default void anAccessReportedOnBehalfOfAPersonIsFoundByOnBehalfOfInTheSearchAndTheExport() throws Exception {
        String lineageId = record();
        String alice = "alice-" + UUID.randomUUID() + "@crm";
        Map<String, Object> view = access("evt-" + UUID.randomUUID());
        view.put("on_behalf_of", alice);
        String viewId = post(lineageId, view).then().statusCode(201).extract().path("id");
        Map<String, Object> print = access("evt-" + UUID.randomUUID());
        print.put("on_behalf_of", alice);
        print.put("action", "pdf_print");
        String printId = post(lineageId, print).then().statusCode(201).extract().path("id");
        // the same system acting for someone else is not an access on her behalf
        post(lineageId, access("evt-" + UUID.randomUUID())).then().statusCode(201);

        String requestId = "search-on-behalf-" + lineageId;
        as(AUDITOR_KEY)
                .header("X-Request-Id", requestId)
                .queryParam("on_behalf_of", alice)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(printId, viewId))
                .body("items.user_id", everyItemIs("test-crm"))
                .body("items.on_behalf_of", everyItemIs(alice));
        // exact: another name, a prefix or another case finds nothing of hers
        for (String other : List.of("bob@crm", alice.substring(0, alice.length() - 1), alice.toUpperCase())) {
            as(AUDITOR_KEY)
                    .queryParam("on_behalf_of", other)
                    .queryParam("lineage_id", lineageId)
                    .get("/api/audit")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(0));
        }
        // combined with the other filters
        as(AUDITOR_KEY)
                .queryParam("on_behalf_of", alice)
                .queryParam("user_id", "test-crm")
                .queryParam("action", "pdf_view")
                .queryParam("lineage_id", lineageId)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(viewId));
        as(AUDITOR_KEY)
                .queryParam("on_behalf_of", alice)
                .queryParam("user_id", "test-admin")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        // the search is on record with the criterion
        Map<String, Object> audit =
                jdbc().queryForMap("SELECT * FROM report_lineage_audit WHERE request_id = ?", requestId);
        JsonNode details = JSON.readTree(audit.get("details").toString());
        assertThat(details.get("criteria").get("on_behalf_of").asText()).isEqualTo(alice);
        assertThat(details.get("result_count").asInt()).isEqualTo(2);

        // the export selects the same rows, and records the criterion too
        String exportRequest = "export-on-behalf-" + lineageId;
        String ndjson = as(AUDITOR_KEY)
                .accept("application/x-ndjson")
                .header("X-Request-Id", exportRequest)
                .queryParam("on_behalf_of", alice)
                .queryParam("action", "pdf_print")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String[] lines = ndjson.split("\n");
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines[0]).get("id").asText()).isEqualTo(printId);
        JsonNode exported = JSON.readTree(
                jdbc().queryForMap("SELECT details FROM report_lineage_audit WHERE request_id = ?", exportRequest)
                        .get("details")
                        .toString());
        assertThat(exported.get("criteria").get("on_behalf_of").asText()).isEqualTo(alice);
        assertThat(exported.get("result_count").asLong()).isEqualTo(1);
        String csv = as(AUDITOR_KEY)
                .accept("text/csv")
                .queryParam("on_behalf_of", alice)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv.split("\r\n"))
                .hasSize(3)
                .anyMatch(l -> l.startsWith(viewId))
                .anyMatch(l -> l.startsWith(printId));
    }

    /** A cursor in the format the API issues, for a position it never issued. */
    private static String forgedCursor(String after, String afterId) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("v1|" + after + "|" + afterId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    @Test
    default void badSearchParametersAre400NamingTheParameter() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("outcome", "maybe");
        bad.put("from", "yesterday");
        bad.put("to", "2026-13-01T00:00:00Z");
        bad.put("lineage_id", "nope");
        bad.put("action", "Drop Table");
        bad.put("limit", "0");
        bad.put("cursor", "not-a-cursor");
        bad.put("usr_id", "test-crm");
        bad.put("on_behalf_of", "x".repeat(256));
        for (var entry : bad.entrySet()) {
            as(AUDITOR_KEY)
                    .queryParam(entry.getKey(), entry.getValue())
                    .get("/api/audit")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(entry.getKey()));
        }
        as(AUDITOR_KEY)
                .queryParam("from", "2026-02-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        as(AUDITOR_KEY)
                .accept("text/csv")
                .queryParam("cursor", "x")
                .get("/api/audit")
                .then()
                .statusCode(400);
        as(AUDITOR_KEY)
                .accept("text/csv")
                .queryParam("limit", "10")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(VIEWER_KEY).get("/api/audit").then().statusCode(403);
    }

    @Test
    default void theOpenApiDocumentDescribesBothEndpointsWithSchemas() {
        JsonPath doc = as(AUDITOR_KEY)
                .get("/api/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> content = doc.getMap("paths.'/audit'.get.responses.'200'.content");
        assertThat(content).containsKeys("application/json", "application/x-ndjson", "text/csv");
        assertThat(doc.getString("paths.'/audit'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/AuditPage");
        String post = "paths.'/lineage/{lineage_id}/audit'.post";
        assertThat(doc.getString(post + ".requestBody.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/AccessReport");
        assertThat(doc.getMap(post + ".responses")).containsKeys("200", "201", "400", "403", "404", "409");
        assertThat(doc.getList("components.schemas.AccessReport.required"))
                .contains("action", "on_behalf_of", "occurred_at", "event_id");
    }

    @Test
    default void anNdjsonExportStreamsEveryRowOfThePeriodAndIsAuditedWithItsCount() throws Exception {
        String lineageId = record();
        for (int i = 0; i < 7; i++) {
            post(lineageId, access("evt-" + UUID.randomUUID())).then().statusCode(201);
        }
        String requestId = "export-ndjson-" + lineageId;
        Response export = as(AUDITOR_KEY)
                .accept("application/x-ndjson")
                .header("X-Request-Id", requestId)
                .queryParam("lineage_id", lineageId)
                .get("/api/audit");
        export.then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"audit-"));
        String body = export.asString();
        assertThat(body).endsWith("\n");
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(7);
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.get("lineage_id").asText()).isEqualTo(lineageId);
            assertThat(row.get("user_id").asText()).isEqualTo("test-crm");
            assertThat(row.has("details")).isTrue();
            // the fields of a page's items
            assertThat(row.get("report_generation_id").asText()).isEqualTo(reportIdOf(lineageId));
        }
        Map<String, Object> audit =
                jdbc().queryForMap("SELECT * FROM report_lineage_audit WHERE request_id = ?", requestId);
        assertThat(audit.get("action")).isEqualTo("audit_export");
        assertThat(audit.get("user_id")).isEqualTo("test-auditor");
        JsonNode details = JSON.readTree(audit.get("details").toString());
        assertThat(details.get("result_count").asLong()).isEqualTo(7);
        assertThat(details.get("complete").asBoolean()).isTrue();
        assertThat(details.get("format").asText()).isEqualTo("ndjson");
        assertThat(details.get("criteria").get("lineage_id").asText()).isEqualTo(lineageId);
    }

    @Test
    default void aHeadRequestForAnExportAnswersItsHeadersWithoutExportingOrAuditingAnExport() throws Exception {
        String lineageId = record();
        post(lineageId, access("evt-" + UUID.randomUUID())).then().statusCode(201);
        String requestId = "export-head-" + lineageId;
        as(AUDITOR_KEY)
                .accept("text/csv")
                .header("X-Request-Id", requestId)
                .queryParam("lineage_id", lineageId)
                .head("/api/audit")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"audit-"));
        // an export's audit row is written before its last byte reaches the client
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE request_id = ?",
                                Long.class,
                                requestId))
                .as("no audit row claims an export that sent nothing")
                .isZero();
        assertThat(exportOf(lineageId, "text/csv"))
                .as("the same request as GET exports")
                .contains(lineageId);
    }

    /** 40,000 audit rows of {@code user}: an export of them is several MB, more than the sockets buffer. */
    private void manyRowsOf(String user) {
        List<Object[]> rows = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.parse("2025-06-01T00:00:00Z");
        for (int i = 0; i < 40_000; i++) {
            rows.add(new Object[] {
                com.leadfactory.lineage.db.TimeOrderedUuid.next(), user, at.plusSeconds(i), "x".repeat(200)
            });
        }
        jdbc().batchUpdate(
                        "INSERT INTO report_lineage_audit (id, action, user_id, accessed_at, outcome, user_agent)"
                                + " VALUES (?, 'pdf_view', ?, ?, 'ok', ?)",
                        rows);
    }

    /**
     * An export holds a database connection until its client has read it: clients that stop reading (a paused
     * download) took every connection of the pool, and every read of the instance answered 503.
     */
    @Test
    default void exportsAtOnceAreBoundedAndOneMoreIsA503WhileThePagesStillAnswer() throws Exception {
        String user = "stalled-" + UUID.randomUUID();
        manyRowsOf(user);
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                java.net.Socket socket = new java.net.Socket();
                socket.setReceiveBufferSize(4096);
                stalled.add(socket);
                socket.connect(new java.net.InetSocketAddress("localhost", port()));
                socket.getOutputStream()
                        .write(("GET /api/audit?user_id=" + user + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                                        + AUDITOR_KEY + "\r\nAccept: text/csv\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] some = socket.getInputStream().readNBytes(4096);
                assertThat(new String(some, java.nio.charset.StandardCharsets.US_ASCII))
                        .startsWith("HTTP/1.1 200");
            }
            as(AUDITOR_KEY)
                    .accept("application/x-ndjson")
                    .queryParam("user_id", user)
                    .get("/api/audit")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("type", org.hamcrest.Matchers.endsWith(":export-busy"));
            as(AUDITOR_KEY).queryParam("user_id", user).get("/api/audit").then().statusCode(200);
        } finally {
            for (java.net.Socket socket : stalled) {
                socket.setSoLinger(true, 0); // reset, as a client that went away does
                socket.close();
            }
        }
        com.leadfactory.lineage.support.Await.until(
                "an export slot free again",
                java.time.Duration.ofSeconds(60),
                () -> as(AUDITOR_KEY)
                                .accept("application/x-ndjson")
                                .queryParam("user_id", "nobody-" + UUID.randomUUID())
                                .get("/api/audit")
                                .statusCode()
                        == 200);
    }

    @Test
    default void anExportTheClientAbandonsIsOnRecordAsIncomplete() throws Exception {
        String user = "abort-" + UUID.randomUUID();
        manyRowsOf(user);
        String requestId = "export-abandoned-" + UUID.randomUUID();
        try (java.net.Socket socket = new java.net.Socket("localhost", port())) {
            socket.getOutputStream()
                    .write(("GET /api/audit?user_id=" + user + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                                    + AUDITOR_KEY + "\r\nAccept: application/x-ndjson\r\nX-Request-Id: " + requestId
                                    + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] some = socket.getInputStream().readNBytes(4096);
            assertThat(new String(some, java.nio.charset.StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
            socket.setSoLinger(true, 0); // reset, as a client that went away does
        }
        com.leadfactory.lineage.support.Await.until(
                "the audit row of the abandoned export",
                java.time.Duration.ofSeconds(60),
                () -> jdbc().queryForObject(
                                        "SELECT COUNT(*) FROM report_lineage_audit WHERE request_id = ?",
                                        Integer.class,
                                        requestId)
                        == 1);
        Map<String, Object> audit =
                jdbc().queryForMap("SELECT * FROM report_lineage_audit WHERE request_id = ?", requestId);
        JsonNode details = JSON.readTree(audit.get("details").toString());
        assertThat(details.get("complete").asBoolean()).isFalse();
        assertThat(details.get("result_count").asLong()).isBetween(1L, 39_999L);
    }

    /** Query values are used exactly as sent: one value each, not blank, no control characters, never trimmed. */
    @Test
    default void aQueryValueTheDatabaseCannotTakeOrThatIsAmbiguousIsA400NamingIt() {
        String uuid = UUID.randomUUID().toString();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("/api/audit?user_id=a%00b", "user_id");
        refused.put("/api/audit?action=ok&user_id=a%0Ab", "user_id");
        refused.put("/api/audit?user_id=crm&user_id=aud1", "user_id");
        refused.put("/api/audit?on_behalf_of=alice%00", "on_behalf_of");
        refused.put("/api/audit?action=ok&on_behalf_of=al%0Aice", "on_behalf_of");
        refused.put("/api/audit?on_behalf_of=alice&on_behalf_of=bob", "on_behalf_of");
        refused.put("/api/audit?on_behalf_of=%20", "on_behalf_of");
        refused.put("/api/audit?lineage_id=" + uuid + "%20", "lineage_id");
        refused.put("/api/audit?lineage_id=%00", "lineage_id");
        refused.put("/api/audit?lineage_id=%20", "lineage_id");
        refused.put("/api/audit?lineage_id=", "lineage_id");
        refused.put("/api/audit?from=2026-01-01T00:00:00Z%00", "from");
        // a year PostgreSQL cannot store (it was a 500), in a filter and in a forged cursor
        refused.put("/api/audit?from=%2B300000-01-01T00:00:00Z", "from");
        refused.put("/api/audit?to=%2B300000-01-01T00:00:00Z", "to");
        refused.put("/api/audit?cursor=" + forgedCursor("+300000-01-01T00:00:00Z", uuid), "cursor");
        refused.put("/api/lineage/search?cursor=" + forgedCursor("+300000-01-01T00:00:00Z", uuid), "cursor");
        refused.put("/api/audit?user_id=%C3%28", "user_id");
        refused.put("/api/lineage/search?template_version_id=a%00b", "template_version_id");
        refused.put("/api/lineage/search?lead_id=" + uuid + "%20", "lead_id");
        refused.put("/api/lineage/" + uuid + "/audit?limit=5&limit=6", "limit");
        // the compare's ids too (they used to be trimmed, so <uuid>%00 and <uuid>%20 were taken as the uuid)
        refused.put("/api/lineage/compare?a=" + uuid + "%20&b=" + uuid, "a");
        refused.put("/api/lineage/compare?a=" + uuid + "&b=" + uuid + "%00", "b");
        for (var c : refused.entrySet()) {
            List<String> accepts = c.getKey().startsWith("/api/audit?")
                    ? List.of("application/json", "application/x-ndjson", "text/csv") // the exports too
                    : List.of("application/json");
            for (String accept : accepts) {
                var answer = com.leadfactory.lineage.support.Http.get(
                        port(), c.getKey(), Map.of("X-API-Key", AUDITOR_KEY, "Accept", accept));
                assertThat(answer.status()).as(c.getKey() + " " + accept).isEqualTo(400);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(JsonPath.from(answer.body()).getList("errors.field"))
                        .as(c.getKey())
                        .containsExactly(c.getValue());
            }
        }
    }

    /**
     * An export is sent only when asked for by name; any other Accept, text/* too, gets the JSON page, and so does
     * one that names an export with q=0, which says it is not acceptable.
     */
    @Test
    default void anAcceptThatNamesNoExportGetsTheJsonPage() {
        for (String accept : List.of(
                "text/*",
                "*/*",
                "application/json",
                "text/csv;q=0, application/json",
                "application/x-ndjson; q=0.000, */*")) {
            as(AUDITOR_KEY)
                    .accept(accept)
                    .queryParam("limit", "1")
                    .get("/api/audit")
                    .then()
                    .statusCode(200)
                    .contentType("application/json");
        }
    }

    @Test
    default void aCsvExportIsRfc4180WithAHeaderRowAndQuotedFields() throws Exception {
        String lineageId = record();
        String eventId = "evt-" + UUID.randomUUID();
        Map<String, Object> body = access(eventId);
        body.put("on_behalf_of", "Doe, Jane \"JD\"");
        post(lineageId, "crm, \"quoted\" agent", body).then().statusCode(201);
        // a refused read: its row has details (the path), written as JSON text
        as(VIEWER_KEY).get("/api/lineage/" + lineageId + "/audit").then().statusCode(403);

        String requestId = "export-csv-" + lineageId;
        Response export = as(AUDITOR_KEY)
                .accept("text/csv")
                .header("X-Request-Id", requestId)
                .queryParam("lineage_id", lineageId)
                .queryParam("from", "2000-01-01T01:00:00+01:00")
                .get("/api/audit");
        export.then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                // the file is named by the period it holds (from, and the export's moment for the open end)
                .header(
                        "Content-Disposition",
                        org.hamcrest.Matchers.matchesPattern(
                                "attachment; filename=\"audit-20000101T000000Z-\\d{8}T\\d{6}Z\\.csv\""));
        String csv = export.asString();
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0])
                .isEqualTo("id,lineage_id,action,user_id,ip_address,user_agent,accessed_at,outcome,request_id,details,"
                        + "purpose,on_behalf_of,occurred_at,event_id,report_generation_id");
        assertThat(lines).hasSize(4); // header, two rows, and the empty string after the last CRLF
        assertThat(lines[3]).isEmpty();
        // newest first: the refused trail read, then the access
        List<String> trailRead = Csv.parse(lines[1]);
        assertThat(trailRead.get(2)).isEqualTo("audit_trail");
        assertThat(trailRead.get(7)).isEqualTo("denied");
        assertThat(JSON.readTree(trailRead.get(9)).get("path").asText()).endsWith("/audit");
        assertThat(lines[1]).contains(",\"{\"\"");
        List<String> access = Csv.parse(lines[2]);
        assertThat(access).hasSize(15);
        assertThat(access.get(14)).isEqualTo(reportIdOf(lineageId));
        assertThat(access.get(5)).isEqualTo("crm, \"quoted\" agent");
        assertThat(access.get(11)).isEqualTo("Doe, Jane \"JD\"");
        assertThat(access.get(13)).isEqualTo(eventId);
        assertThat(lines[2]).contains("\"Doe, Jane \"\"JD\"\"\"");

        Map<String, Object> audit =
                jdbc().queryForMap("SELECT * FROM report_lineage_audit WHERE request_id = ?", requestId);
        assertThat(audit.get("action")).isEqualTo("audit_export");
        JsonNode details = JSON.readTree(audit.get("details").toString());
        assertThat(details.get("result_count").asLong()).isEqualTo(2);
        assertThat(details.get("format").asText()).isEqualTo("csv");
    }

    @Test
    default void aValueASpreadsheetWouldRunIsDefusedInCsvAndExactInNdjson() {
        String lineageId = record();
        Map<String, Object> body = access("evt-" + UUID.randomUUID());
        body.put("on_behalf_of", "=HYPERLINK(\"http://attacker.example\")");
        post(lineageId, "@SUM(1+1)*cmd|' /C calc'!A0", body).then().statusCode(201);

        String csv = exportOf(lineageId, "text/csv");
        List<String> row = Csv.parse(csv.split("\r\n")[1]);
        assertThat(row.get(5)).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(row.get(11)).isEqualTo("'=HYPERLINK(\"http://attacker.example\")");

        String ndjson = exportOf(lineageId, "application/x-ndjson");
        assertThat(ndjson)
                .contains("\"user_agent\":\"@SUM(1+1)*cmd|' /C calc'!A0\"")
                .contains("\"on_behalf_of\":\"=HYPERLINK(\\\"http://attacker.example\\\")\"");
    }

    @Test
    default void aRefusedCallWithAnOverlongPathKeepsItsDetailsJson() throws Exception {
        // a path just under Tomcat's 8 KB request head, sent with few headers: its refusal's details exceed the
        // column's 8000 characters
        String marker = UUID.randomUUID().toString().replace("-", "");
        String path = "/api/lineage/" + marker + "c".repeat(8000 - marker.length()) + "/download";
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port() + path))
                                .header("X-API-Key", VIEWER_KEY)
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);

        JsonPath page = as(AUDITOR_KEY)
                .queryParam("user_id", "test-viewer")
                .queryParam("action", "download")
                .queryParam("outcome", "denied")
                .queryParam("limit", "200")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        Map<String, Object> row = items.stream()
                .filter(item -> String.valueOf(item.get("details")).contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(row.get("details")).as("still a JSON object").isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) row.get("details");
        assertThat((String) details.get("path"))
                .startsWith("/api/lineage/" + marker)
                .hasSize(1000);
        assertThat(details.get("details_truncated")).isEqualTo(true);
    }
}
