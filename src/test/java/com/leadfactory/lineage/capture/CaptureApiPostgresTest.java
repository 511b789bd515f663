package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.support.PostgresApiTestBase;

/** The capture contract on PostgreSQL, as production runs it. */
class CaptureApiPostgresTest extends PostgresApiTestBase implements CaptureApiContract {}
