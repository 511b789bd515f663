package com.leadfactory.lineage.trail;

import com.leadfactory.lineage.support.H2ApiTestBase;

class AuditTrailApiH2Test extends H2ApiTestBase implements AuditTrailApiContract {}
