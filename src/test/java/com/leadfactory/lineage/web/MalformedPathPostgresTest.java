package com.leadfactory.lineage.web;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class MalformedPathPostgresTest extends PostgresApiTestBase implements MalformedPathContract {}
