package com.leadfactory.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogsResponseTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "gzip, deflate, br | true",
                "GZIP | true",
                "deflate, x-gzip;q=0.5 | true",
                "* | true",
                "identity | false",
                "gzip;q=0 | false",
                "gzip; q=0.000 | false",
                "br, gzip;q=bogus | false",
                "'' | false",
                "NULL | false"
            })
    void gzipIsAcceptedWhenListedWithoutQZero(String acceptEncoding, boolean accepted) {
        assertThat(LogsResponse.acceptsGzip(acceptEncoding)).isEqualTo(accepted);
    }
}
