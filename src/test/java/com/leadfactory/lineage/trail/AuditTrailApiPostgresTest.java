package com.leadfactory.lineage.trail;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class AuditTrailApiPostgresTest extends PostgresApiTestBase implements AuditTrailApiContract {}
