package com.leadfactory.lineage.query;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class ReadApiPostgresTest extends PostgresApiTestBase implements ReadApiContract {}
