package com.leadfactory.lineage.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text.replace('\'', '"'));
    }

    private List<String> describe(JsonDiff.Result result) {
        return result.changes().stream()
                .map(c -> c.op() + " " + c.path() + " " + c.a() + " -> " + c.b())
                .toList();
    }

    @Test
    void identicalDocumentsHaveNoChanges() throws Exception {
        JsonDiff.Result result =
                JsonDiff.diff(json("{'a':[1,2],'b':{'c':null}}"), json("{'a':[1,2],'b':{'c':null}}"), 10);
        assertThat(result.changes()).isEmpty();
        assertThat(result.total()).isZero();
        assertThat(result.complete()).isTrue();
    }

    @Test
    void rowsWithIdsAreMatchedByIdNotPosition() throws Exception {
        JsonNode a = json("{'rows':[{'id':'r1','score':1},{'id':'r2','score':2},{'id':'r3','score':3}]}");
        JsonNode b = json("{'rows':[{'id':'r3','score':3},{'id':'r1','score':1},{'id':'r2','score':5}]}");
        assertThat(describe(JsonDiff.diff(a, b, 10))).containsExactly("changed $.rows[id=r2].score 2 -> 5");
    }

    @Test
    void rowsAddedAndRemovedById() throws Exception {
        JsonNode a = json("{'rows':[{'id':'r1','v':1},{'id':'r2','v':2}]}");
        JsonNode b = json("{'rows':[{'id':'r3','v':3},{'id':'r1','v':1}]}");
        assertThat(describe(JsonDiff.diff(a, b, 10)))
                .containsExactly(
                        "removed $.rows[id=r2] {\"id\":\"r2\",\"v\":2} -> null",
                        "added $.rows[id=r3] null -> {\"id\":\"r3\",\"v\":3}");
    }

    @Test
    void nestedChangesNameTheLeaf() throws Exception {
        JsonNode a = json("{'x':{'y':{'z':1,'gone':true,'list':[1,2,3]}},'same':'s'}");
        JsonNode b = json("{'x':{'y':{'z':2,'list':[1,9],'new':{'k':'v'}}},'same':'s'}");
        assertThat(describe(JsonDiff.diff(a, b, 10)))
                .containsExactly(
                        "changed $.x.y.z 1 -> 2",
                        "removed $.x.y.gone true -> null",
                        "changed $.x.y.list[1] 2 -> 9",
                        "removed $.x.y.list[2] 3 -> null",
                        "added $.x.y.new null -> {\"k\":\"v\"}");
    }

    @Test
    void arraysWithoutUniqueIdsAreComparedByPosition() throws Exception {
        JsonNode a = json("{'r':[{'id':'1','v':1},{'id':'1','v':2}]}");
        JsonNode b = json("{'r':[{'id':'1','v':2},{'id':'1','v':2}]}");
        assertThat(describe(JsonDiff.diff(a, b, 10))).containsExactly("changed $.r[0].v 1 -> 2");
        assertThat(describe(JsonDiff.diff(json("{'r':[]}"), json("{'r':[{'id':'n'}]}"), 10)))
                .containsExactly("added $.r[id=n] null -> {\"id\":\"n\"}");
        assertThat(describe(JsonDiff.diff(json("{'r':[]}"), json("{'r':[7]}"), 10)))
                .containsExactly("added $.r[0] null -> 7");
    }

    @Test
    void typeChangesAndOddKeys() throws Exception {
        assertThat(describe(JsonDiff.diff(json("{'a b':{'x':1},'q\\\"':1}"), json("{'a b':[1],'q\\\"':'1'}"), 10)))
                .containsExactly("changed $[\"a b\"] {\"x\":1} -> [1]", "changed $[\"q\\\"\"] 1 -> \"1\"");
    }

    @Test
    void anOddRowIdIsQuotedSoThatItsPathReadsBackAsOneSegment() throws Exception {
        // ids are source data: "a]b" unquoted made $.r[id=a]b].v, whose segment ends at the first ']'
        JsonNode a = json("{'r':[{'id':'a]b','v':1},{'id':'x y','v':1},{'id':'','v':1},{'id':'q\\\"','v':1},"
                + "{'id':'0190f0a0-7c1e-7d2a-9b3c-1234567890ab','v':1},{'id':-1.5,'v':1}]}");
        JsonNode b = json("{'r':[{'id':'a]b','v':2},{'id':'x y','v':2},{'id':'','v':2},{'id':'q\\\"','v':2},"
                + "{'id':'0190f0a0-7c1e-7d2a-9b3c-1234567890ab','v':2},{'id':-1.5,'v':2}]}");
        assertThat(describe(JsonDiff.diff(a, b, 10)))
                .containsExactly(
                        "changed $.r[id=\"a]b\"].v 1 -> 2",
                        "changed $.r[id=\"x y\"].v 1 -> 2",
                        "changed $.r[id=\"\"].v 1 -> 2",
                        "changed $.r[id=\"q\\\"\"].v 1 -> 2",
                        "changed $.r[id=0190f0a0-7c1e-7d2a-9b3c-1234567890ab].v 1 -> 2",
                        "changed $.r[id=-1.5].v 1 -> 2");
    }

    @Test
    void aTruncatedDocumentShowsItsDroppedRowsAndItsTruncationNote() throws Exception {
        JsonNode full =
                json("{'assessment_data':[{'id':'a1','p':1},{'id':'a2','p':2}],'enrichment_data':[{'id':'e1'}]}");
        JsonNode truncated = json("{'assessment_data':[{'id':'a1','p':1}],'enrichment_data':[{'id':'e1'}],"
                + "'truncation':{'dropped_rows':1,'reason':'cap'}}");
        assertThat(describe(JsonDiff.diff(full, truncated, 10)))
                .containsExactly(
                        "removed $.assessment_data[id=a2] {\"id\":\"a2\",\"p\":2} -> null",
                        "added $.truncation null -> {\"dropped_rows\":1,\"reason\":\"cap\"}");
    }

    @Test
    void keepsAtMostMaxChangesButCountsThemAll() throws Exception {
        JsonDiff.Result result = JsonDiff.diff(json("[1,2,3,4,5]"), json("[6,7,8,9,0]"), 2);
        assertThat(result.changes()).hasSize(2);
        assertThat(result.total()).isEqualTo(5);
        assertThat(result.complete()).isFalse();
    }
}
