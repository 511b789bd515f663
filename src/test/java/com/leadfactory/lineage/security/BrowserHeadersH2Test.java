package com.leadfactory.lineage.security;

import com.leadfactory.lineage.support.H2ApiTestBase;

class BrowserHeadersH2Test extends H2ApiTestBase implements BrowserHeadersContract {}
