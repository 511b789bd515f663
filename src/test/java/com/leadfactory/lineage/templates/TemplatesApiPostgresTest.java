package com.leadfactory.lineage.templates;

import com.leadfactory.lineage.support.PostgresApiTestBase;

class TemplatesApiPostgresTest extends PostgresApiTestBase implements TemplatesApiContract {}
