package com.leadfactory.lineage.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogComparisonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private LogComparison compare(String a, String b) throws Exception {
        return LogComparison.of(
                a == null ? null : mapper.readTree(a.replace('\'', '"')),
                b == null ? null : mapper.readTree(b.replace('\'', '"')));
    }

    @Test
    void countsByLevelAndFindsTheFirstDivergenceIgnoringTimestamps() throws Exception {
        LogComparison logs = compare(
                "[{'ts':'1','level':'INFO','msg':'start'},{'level':'WARN','msg':'slow'},{'level':'INFO','msg':'end'}]",
                "[{'ts':'2','level':'INFO','msg':'start'},{'level':'ERROR','msg':'failed'}]");
        assertThat(logs.aEntries()).isEqualTo(3);
        assertThat(logs.bEntries()).isEqualTo(2);
        assertThat(logs.aLevels()).isEqualTo(Map.of("INFO", 2, "WARN", 1));
        assertThat(logs.bLevels()).isEqualTo(Map.of("INFO", 1, "ERROR", 1));
        assertThat(logs.firstDivergence().index()).isEqualTo(1);
        assertThat(((JsonNode) logs.firstDivergence().a()).get("msg").asText()).isEqualTo("slow");
        assertThat(((JsonNode) logs.firstDivergence().b()).get("level").asText())
                .isEqualTo("ERROR");
    }

    @Test
    void identicalLogsDoNotDivergeAndALongerLogDivergesWhereTheOtherEnds() throws Exception {
        assertThat(compare("[{'level':'INFO'}]", "[{'level':'INFO'}]").firstDivergence())
                .isNull();
        LogComparison longer = compare("[{'level':'INFO'}]", "[{'level':'INFO'},{'msg':'more'}]");
        assertThat(longer.firstDivergence().index()).isEqualTo(1);
        assertThat(longer.firstDivergence().a()).isNull();
        assertThat(longer.bLevels()).isEqualTo(Map.of("INFO", 1, "(none)", 1));
    }

    @Test
    void noLogsAndASingleObjectAreLogsToo() throws Exception {
        LogComparison logs = compare(null, "{'level':'debug','msg':'one'}");
        assertThat(logs.aEntries()).isZero();
        assertThat(logs.bLevels()).isEqualTo(Map.of("DEBUG", 1));
        assertThat(logs.firstDivergence().index()).isZero();
        assertThat(compare("null", "[]").firstDivergence()).isNull();
        assertThat(compare("['x']", "['y']").firstDivergence().index()).isZero();
    }
}
