package com.leadfactory.lineage.capture;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A report's source rows, read one at a time in the order of their select, as often as a capture needs them (a
 * truncated capture reads them more than once; a row that appears in between is written and counts in that
 * pass's size check, see {@link RawInputsCompressor}). A row is a column-name map as camel-sql's {@code
 * SelectList} gives it.
 */
@FunctionalInterface
public interface SourceRows {

    /** The two kinds of source rows, in the raw-inputs document's order, and what names a row of each. */
    enum Section {
        ASSESSMENT("assessment_data", "kind", "select-assessment-rows.sql"),
        ENRICHMENT("enrichment_data", "source", "select-enrichment-rows.sql");

        private final String field;
        private final String label;
        private final String sqlFile;

        Section(String field, String label, String sqlFile) {
            this.field = field;
            this.label = label;
            this.sqlFile = sqlFile;
        }

        /** The document's array of these rows. */
        public String field() {
            return field;
        }

        /** The column that says what a row is (its kind or its source), kept in the list of dropped rows. */
        public String label() {
            return label;
        }

        /** The routes/sql statement that selects them. */
        public String sqlFile() {
            return sqlFile;
        }
    }

    void forEach(Section section, Consumer<Map<String, Object>> row);
}
