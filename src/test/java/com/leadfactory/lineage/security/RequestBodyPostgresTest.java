package com.leadfactory.lineage.security;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class RequestBodyPostgresTest extends PostgresApiTestBase implements RequestBodyContract {}
