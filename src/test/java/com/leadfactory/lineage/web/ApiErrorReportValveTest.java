package com.leadfactory.lineage.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.problem.Problem;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

class ApiErrorReportValveTest {

    @Test
    void aServingConnectorIsNotStoppingAPausedOrStoppedOneIs() throws Exception {
        Connector connector = new Connector();
        connector.setPort(0);
        assertThat(ApiErrorReportValve.stopping(connector))
                .as("not started: serves nothing")
                .isTrue();
        connector.init();
        connector.start();
        try {
            assertThat(ApiErrorReportValve.stopping(connector)).as("serving").isFalse();
            connector.pause();
            assertThat(ApiErrorReportValve.stopping(connector))
                    .as("paused for the graceful phase")
                    .isTrue();
            connector.resume();
            assertThat(ApiErrorReportValve.stopping(connector)).as("resumed").isFalse();
        } finally {
            connector.stop();
        }
        assertThat(ApiErrorReportValve.stopping(connector)).as("stopped").isTrue();
        assertThat(ApiErrorReportValve.stopping(null)).isFalse();
    }

    @Test
    void aMalformedRequestIsA400ButOneCutByTheStopIsA503ToSendAgain() {
        Problem malformed = ApiErrorReportValve.problem(400, false);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.type()).endsWith("bad-request");

        Problem cut = ApiErrorReportValve.problem(400, true);
        assertThat(cut.status()).isEqualTo(503);
        assertThat(cut.type()).endsWith("not-ready");
        assertThat(cut.detail()).contains("Retry");

        assertThat(ApiErrorReportValve.problem(414, false).status()).isEqualTo(414);
    }
}
