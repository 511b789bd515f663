package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.routes.RouteWiring.Finding;
import com.leadfactory.lineage.support.H2ApiTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every file in routes/ against the running application: each bean, method (with its arity), SQL file,
 * {@code direct:} endpoint and class a route names exists, and every statement in routes/sql takes its parameters
 * the one documented way. Runs in the H2 API tests' application context.
 */
class RouteWiringTest extends H2ApiTestBase {

    static final Path ROUTES = Path.of("routes");

    @Autowired
    ApplicationContext context;

    @Test
    void everyNameARouteFileUsesExists() throws IOException {
        Map<String, String> files = routeFiles();
        assertThat(files).containsKeys("capture-lineage.yaml", "retention.yaml");

        List<Finding> findings = RouteWiring.check(files, this::beanType, sqlFiles());

        assertThat(findings).as("names in routes/ that nothing defines").isEmpty();
    }

    @Test
    void everyStatementTakesItsParametersFromExchangeProperties() throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (String file : sqlFiles()) {
            findings.addAll(SqlParameterConvention.check(
                    "sql/" + file, Files.readString(ROUTES.resolve("sql").resolve(file))));
        }
        assertThat(sqlFiles()).hasSizeGreaterThan(10);
        assertThat(findings).as("statements not following routes/sql/README.md").isEmpty();
    }

    @Test
    void everyStatementHasItsRowInTheSqlReadme() throws IOException {
        String readme = Files.readString(ROUTES.resolve("sql").resolve("README.md"));
        String table = readme.substring(readme.indexOf("## Statement parameters by file"));

        assertThat(sqlFiles())
                .as("statements without a row in routes/sql/README.md, 'Statement parameters by file'")
                .allSatisfy(file -> assertThat(table).contains("`" + file.replace(".sql", "") + "`"));
    }

    private Class<?> beanType(String name) {
        return context.containsBean(name) ? context.getType(name) : null;
    }

    static Map<String, String> routeFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(ROUTES)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    static Set<String> sqlFiles() throws IOException {
        try (Stream<Path> list = Files.list(ROUTES.resolve("sql"))) {
            return list.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".sql"))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
