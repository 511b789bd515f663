package com.leadfactory.lineage.web;

import com.leadfactory.lineage.support.H2ApiTestBase;

class MalformedPathH2Test extends H2ApiTestBase implements MalformedPathContract {}
