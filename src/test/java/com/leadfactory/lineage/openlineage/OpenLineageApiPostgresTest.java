package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class OpenLineageApiPostgresTest extends PostgresApiTestBase implements OpenLineageApiContract {}
