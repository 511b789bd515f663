package com.leadfactory.lineage.security;

import com.leadfactory.lineage.support.H2ApiTestBase;

class PanelSessionCsrfH2Test extends H2ApiTestBase implements PanelSessionCsrfContract {}
