package com.leadfactory.lineage.stats;

import com.leadfactory.lineage.support.H2ApiTestBase;

class LineageStatsApiH2Test extends H2ApiTestBase implements LineageStatsApiContract {}
