package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.PostgresApiTestBase;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The PostgreSQL-only statements of routes/sql get their parameter count from the text, as PostgreSQL counts. */
class SqlParameterCountsPostgresTest extends PostgresApiTestBase {

    @Autowired
    CamelContext camelContext;

    @Autowired
    DataSource dataSource;

    @Test
    void everyPostgresOnlyStatementWithParametersIsCountedAsTheDriverCountsIt() throws Exception {
        int counted = SqlParameterCountsRoutesTest.countedAsTheDriverCounts(
                camelContext, dataSource, file -> file.endsWith("-postgresql.sql"));
        assertThat(counted).as("the one-statement lookup has parameters").isPositive();
    }
}
