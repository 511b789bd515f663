package com.leadfactory.lineage.hold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Who is deleting, as an H2 evidence trigger records it: the database user, the application name the session
 * declared ({@code SET @application_name}) and the cause it declared ({@code SET @lineage_cause}), null when not.
 */
record DeletingSession(String user, String applicationName, String cause) {

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
}
