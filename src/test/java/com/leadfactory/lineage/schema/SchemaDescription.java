package com.leadfactory.lineage.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the migrations made of a database, one sorted line per table, column, index, constraint and trigger,
 * in terms that mean the same on H2 and PostgreSQL: a column's type is normalised ({@code jsonb} and H2's
 * {@code JSON} are both {@code json}), a primary key is described by its columns (its name is generated), and
 * indexes that only back a constraint (which H2 creates for foreign keys too) are left to the constraint.
 */
final class SchemaDescription {

    private static final String HISTORY = "flyway_schema_history";

    private SchemaDescription() {}

    static List<String> of(Connection connection) throws SQLException {
        DatabaseVendor vendor = DatabaseVendor.of(connection);
        DatabaseMetaData meta = connection.getMetaData();
        List<String> lines = new ArrayList<>();
        Set<String> backingIndexes = backingIndexes(connection, vendor);
        for (String table : tables(meta)) {
            lines.add("table " + table);
            try (ResultSet columns = meta.getColumns(null, "public", table, null)) {
                while (columns.next()) {
                    lines.add("column " + table + "." + columns.getString("COLUMN_NAME") + " " + type(columns)
                            + ("NO".equals(columns.getString("IS_NULLABLE")) ? " not null" : " null"));
                }
            }
            Map<String, String> indexes = new TreeMap<>();
            try (ResultSet index = meta.getIndexInfo(null, "public", table, false, false)) {
                while (index.next()) {
                    String name = index.getString("INDEX_NAME");
                    if (name == null || backingIndexes.contains(name)) {
                        continue;
                    }
                    String kind = index.getBoolean("NON_UNIQUE") ? "index " : "unique index ";
                    String column = index.getString("COLUMN_NAME");
                    indexes.merge(name, kind + table + "." + name + " (" + column, (a, b) -> a + ", " + column);
                }
            }
            indexes.values().forEach(line -> lines.add(line + ")"));
        }
        lines.addAll(constraints(connection));
        lines.addAll(triggers(connection, vendor));
        lines.sort(String::compareTo);
        return lines;
    }

    private static Set<String> tables(DatabaseMetaData meta) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (ResultSet rs = meta.getTables(null, "public", null, new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.equals(HISTORY)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** A column type both databases agree on; fails on a type not seen before, so the mapping stays complete. */
    static String type(ResultSet column) throws SQLException {
        String name = column.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
        int size = column.getInt("COLUMN_SIZE");
        return switch (name) {
            case "uuid" -> "uuid";
            case "varchar", "character varying" -> "varchar(" + size + ")";
            case "bpchar", "character", "char" -> "char(" + size + ")";
            case "timestamptz", "timestamp with time zone" -> "timestamptz";
            case "jsonb", "json" -> "json";
            case "bytea", "binary varying", "varbinary" -> "bytes";
            case "int8", "bigint" -> "bigint";
            case "int4", "integer" -> "integer";
            case "bool", "boolean" -> "boolean";
            case "numeric" -> "numeric(" + size + "," + column.getInt("DECIMAL_DIGITS") + ")";
            default ->
                throw new IllegalStateException("no normalised name for column type " + name
                        + " of " + column.getString("TABLE_NAME") + "." + column.getString("COLUMN_NAME")
                        + ": add it to SchemaDescription.type");
        };
    }

    private static List<String> constraints(Connection connection) throws SQLException {
        Map<String, String> described = new TreeMap<>();
        Map<String, List<String>> columns = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT c.constraint_name, c.constraint_type, c.table_name, k.column_name"
                                + " FROM information_schema.table_constraints c"
                                + " LEFT JOIN information_schema.key_column_usage k"
                                + " ON k.constraint_schema = c.constraint_schema"
                                + " AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name"
                                + " WHERE c.table_schema = 'public' AND c.table_name <> '" + HISTORY + "'"
                                + " ORDER BY c.constraint_name, k.ordinal_position")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String type = rs.getString(2).toLowerCase(Locale.ROOT);
                if (type.equals("check") && name.endsWith("_not_null")) {
                    continue; // PostgreSQL lists NOT NULL as check constraints; columns already say it
                }
                String table = rs.getString(3);
                // a primary key's name is generated differently by each database: it is known by its columns
                String key = type.equals("primary key") ? "primary key " + table : type + " " + table + "." + name;
                described.put(key, name);
                if (rs.getString(4) != null) {
                    columns.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getString(4));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (String key : described.keySet()) {
            lines.add("constraint " + key + " " + columns.getOrDefault(key, List.of()));
        }
        return lines;
    }

    private static Set<String> backingIndexes(Connection connection, DatabaseVendor vendor) throws SQLException {
        String sql = vendor == DatabaseVendor.POSTGRESQL
                ? "SELECT i.relname FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid"
                : "SELECT index_name FROM information_schema.table_constraints WHERE index_name IS NOT NULL";
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> triggers(Connection connection, DatabaseVendor vendor) throws SQLException {
        String sql = vendor == DatabaseVendor.POSTGRESQL
                ? "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                        + " WHERE NOT t.tgisinternal"
                : "SELECT trigger_name, event_object_table FROM information_schema.triggers";
        Set<String> lines = new TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                lines.add("trigger " + rs.getString(2) + "." + rs.getString(1));
            }
        }
        return new ArrayList<>(lines);
    }
}
