package com.leadfactory.lineage.stats;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class LineageStatsApiPostgresTest extends PostgresApiTestBase implements LineageStatsApiContract {}
