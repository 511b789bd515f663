package com.leadfactory.lineage.security;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class BrowserHeadersPostgresTest extends PostgresApiTestBase implements BrowserHeadersContract {}
