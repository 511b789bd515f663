package com.leadfactory.lineage.hold;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.api.Trigger;

/**
 * H2's side of lineage_legal_hold_deletion_evidence (PostgreSQL's is PL/pgSQL): one audit row (action
 * hold_deleted) per removed hold, in the removing transaction, with the hold as it was, the database user, the
 * application name the session declared ({@code SET @application_name}) and the cause ({@code SET @lineage_cause},
 * else direct). Every H2 database stores this class's name in its schema: never rename or move it.
 */
public class HoldDeletionEvidenceTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        DeletingSession session = DeletingSession.of(connection);
        // id, lineage_id, lead_id, reason, placed_by, placed_at (V9__legal_holds/shared.sql)
        Object lineageId = oldRow[1];
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("hold_id", String.valueOf(oldRow[0]));
        deleted.put("scope", lineageId == null ? "lead" : "lineage");
        deleted.put("lineage_id", lineageId == null ? null : String.valueOf(lineageId));
        deleted.put("lead_id", oldRow[2] == null ? null : String.valueOf(oldRow[2]));
        deleted.put("reason", oldRow[3]);
        deleted.put("placed_by", oldRow[4]);
        deleted.put("placed_at", oldRow[5] instanceof OffsetDateTime t ? t.toString() : String.valueOf(oldRow[5]));
        session.record(
                connection, "hold_deleted", lineageId, deleted, session.cause() == null ? "direct" : session.cause());
    }
}
