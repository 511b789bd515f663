package com.leadfactory.lineage.templates;

import com.leadfactory.lineage.support.H2ApiTestBase;

class TemplatesApiH2Test extends H2ApiTestBase implements TemplatesApiContract {}
