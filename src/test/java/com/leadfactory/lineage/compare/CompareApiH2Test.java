package com.leadfactory.lineage.compare;

import com.leadfactory.lineage.support.H2ApiTestBase;

class CompareApiH2Test extends H2ApiTestBase implements CompareApiContract {}
