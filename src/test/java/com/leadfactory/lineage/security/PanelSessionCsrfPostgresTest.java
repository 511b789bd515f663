package com.leadfactory.lineage.security;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class PanelSessionCsrfPostgresTest extends PostgresApiTestBase implements PanelSessionCsrfContract {}
