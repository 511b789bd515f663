package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.support.H2ApiTestBase;

class OpenLineageApiH2Test extends H2ApiTestBase implements OpenLineageApiContract {}
