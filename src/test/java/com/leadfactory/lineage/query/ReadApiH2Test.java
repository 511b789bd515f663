package com.leadfactory.lineage.query;

import com.leadfactory.lineage.support.H2ApiTestBase;

class ReadApiH2Test extends H2ApiTestBase implements ReadApiContract {}
