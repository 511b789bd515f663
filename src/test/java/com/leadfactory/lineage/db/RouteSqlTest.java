package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteSqlTest {

    @Test
    void bindsMapEntriesFromTheirProperty() {
        RouteSql sql = RouteSql.parse(
                "x.sql", "SELECT 1 WHERE a = :#${exchangeProperty.search[a]} AND b < :#${exchangeProperty.search[b]}");

        assertThat(sql.jdbc()).isEqualTo("SELECT 1 WHERE a = ? AND b < ?");
        assertThat(sql.values(Map.of("search", Map.of("a", 1, "b", "two")))).containsExactly(1, "two");
    }

    @Test
    void bindsPlainPropertiesInOrderAndMissingOnesAsNull() {
        RouteSql sql = RouteSql.parse(
                "y.sql",
                "SELECT id FROM t WHERE lead_id = :#${exchangeProperty.lead_id}\n"
                        + "  AND created_at <= :#${exchangeProperty.as_of} AND x = :#${exchangeProperty.search[x]}");
        Map<String, Object> properties = new HashMap<>();
        properties.put("lead_id", "L");
        properties.put("as_of", "T");

        assertThat(sql.jdbc()).isEqualTo("SELECT id FROM t WHERE lead_id = ?\n  AND created_at <= ? AND x = ?");
        assertThat(sql.values(properties)).containsExactly("L", "T", null);
    }

    @Test
    void refusesOtherExpressions() {
        assertThatThrownBy(() -> RouteSql.parse("z.sql", "SELECT :#${header.lead_id}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z.sql");
    }
}
