package com.leadfactory.lineage.compare;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class CompareApiPostgresTest extends PostgresApiTestBase implements CompareApiContract {}
