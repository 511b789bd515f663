package com.leadfactory.lineage.hold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.h2.api.Trigger;

/**
 * H2's side of lineage_legal_hold_deletion_evidence (PostgreSQL's is PL/pgSQL): one audit row (action
 * hold_deleted) per removed hold, in the removing transaction, with the hold as it was, the database user, the
 * application name the session declared ({@code SET @application_name}) and the cause ({@code SET @lineage_cause},
 * else direct). Every H2 database stores this class's name in its schema: never rename or move it.
 */
public class HoldDeletionEvidenceTrigger implements Trigger {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        DeletingSession session = DeletingSession.of(connection);
        String user = session.user();
        String applicationName = session.applicationName();
        String cause = session.cause();
        // id, lineage_id, lead_id, reason, placed_by, placed_at (V9__legal_holds/shared.sql)
        Object lineageId = oldRow[1];
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("hold_id", String.valueOf(oldRow[0]));
        details.put("scope", lineageId == null ? "lead" : "lineage");
        details.put("lineage_id", lineageId == null ? null : String.valueOf(lineageId));
        details.put("lead_id", oldRow[2] == null ? null : String.valueOf(oldRow[2]));
        details.put("reason", oldRow[3]);
        details.put("placed_by", oldRow[4]);
        details.put("placed_at", oldRow[5] instanceof OffsetDateTime t ? t.toString() : String.valueOf(oldRow[5]));
        details.put("db_user", user);
        details.put("application_name", applicationName);
        details.put("cause", cause == null ? "direct" : cause);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)"
                        + " VALUES (?, ?, 'hold_deleted', ?, CURRENT_TIMESTAMP, 'ok', ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, lineageId);
            insert.setString(3, "db:" + user);
            insert.setString(4, json(details));
            insert.executeUpdate();
        }
    }

    private static String json(Map<String, Object> details) throws SQLException {
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write the hold deletion evidence", e);
        }
    }
}
