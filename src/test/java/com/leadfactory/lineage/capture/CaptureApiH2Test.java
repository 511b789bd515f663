package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.support.H2ApiTestBase;

/** The capture contract on the embedded database of the zero-setup run. */
class CaptureApiH2Test extends H2ApiTestBase implements CaptureApiContract {}
