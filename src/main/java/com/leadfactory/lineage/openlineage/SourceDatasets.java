package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.config.OpenLineageProperties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the events name the tables a report's raw inputs are read from. On PostgreSQL as OpenLineage's naming spec
 * names a table — namespace {@code postgres://host:port}, name {@code database.schema.table} — which is how the
 * pipeline's own OpenLineage producers (Spark, dbt, Airflow's SQL operators) name the same tables, so a catalog
 * joins the report to what wrote its inputs. {@code lineage.openlineage.source-namespace} and {@code
 * source-table-prefix} override it (a replica, a proxy in between); on another database the tables are names in
 * the service's own namespace (docs/OPENLINEAGE.md, "Mapping").
 */
@Component
public class SourceDatasets {

    private static final Pattern POSTGRES_URL = Pattern.compile(
            "jdbc:postgresql://(?<host>\\[[^]]+]|[^:/,?]+)(?::(?<port>\\d+))?(?:,[^/?]*)?/(?<database>[^?]+)"
                    + "(?:\\?(?<query>.*))?");
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("(?:^|&)currentSchema=([^&,]+)");

    private final String namespace;
    private final String tablePrefix;

    @Autowired
    public SourceDatasets(OpenLineageProperties properties, @Value("${spring.datasource.url:}") String datasourceUrl) {
        Matcher postgres = POSTGRES_URL.matcher(datasourceUrl == null ? "" : datasourceUrl);
        String derivedNamespace = properties.getNamespace();
        String derivedPrefix = "";
        if (postgres.matches()) {
            String port = postgres.group("port") != null ? postgres.group("port") : "5432";
            derivedNamespace = "postgres://" + postgres.group("host") + ":" + port;
            Matcher schema = CURRENT_SCHEMA.matcher(postgres.group("query") == null ? "" : postgres.group("query"));
            derivedPrefix = postgres.group("database") + "." + (schema.find() ? schema.group(1) : "public") + ".";
        }
        this.namespace = blank(properties.getSourceNamespace()) ? derivedNamespace : properties.getSourceNamespace();
        this.tablePrefix =
                properties.getSourceTablePrefix() != null ? properties.getSourceTablePrefix() : derivedPrefix;
    }

    public String namespace() {
        return namespace;
    }

    /** A source table's dataset name, e.g. {@code leads.public.assessment_results}. */
    public String name(String table) {
        return tablePrefix + table;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
