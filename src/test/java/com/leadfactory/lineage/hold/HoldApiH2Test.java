package com.leadfactory.lineage.hold;

import com.leadfactory.lineage.support.H2ApiTestBase;

class HoldApiH2Test extends H2ApiTestBase implements HoldApiContract {}
