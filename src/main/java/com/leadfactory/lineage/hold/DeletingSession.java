package com.leadfactory.lineage.hold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Who is deleting, as an H2 evidence trigger records it: the database user, the application name the session
 * declared ({@code SET @application_name}) and the cause it declared ({@code SET @lineage_cause}), null when not.
 */
record DeletingSession(String user, String applicationName, String cause) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static DeletingSession of(Connection connection) throws SQLException {
        try (PreparedStatement session =
                        connection.prepareStatement("SELECT CURRENT_USER, @application_name, @lineage_cause");
                ResultSet rs = session.executeQuery()) {
            rs.next();
            String cause = rs.getString(3);
            return new DeletingSession(
                    rs.getString(1), rs.getString(2), cause == null || cause.isEmpty() ? null : cause);
        }
    }

    /**
     * Writes the evidence row in the deleting transaction: what was deleted ({@code deleted}), then who deleted
     * it and why ({@code cause}, this session's own or the trigger's inference).
     */
    void record(Connection connection, String action, Object lineageId, Map<String, Object> deleted, String cause)
            throws SQLException {
        Map<String, Object> details = new LinkedHashMap<>(deleted);
        details.put("db_user", user);
        details.put("application_name", applicationName);
        details.put("cause", cause);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)"
                        + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, 'ok', ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, lineageId);
            insert.setString(3, action);
            insert.setString(4, "db:" + user);
            insert.setString(5, json(details, action));
            insert.executeUpdate();
        }
    }

    private static String json(Map<String, Object> details, String action) throws SQLException {
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write the " + action + " evidence", e);
        }
    }
}
