package com.leadfactory.lineage.hold;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class HoldApiPostgresTest extends PostgresApiTestBase implements HoldApiContract {}
