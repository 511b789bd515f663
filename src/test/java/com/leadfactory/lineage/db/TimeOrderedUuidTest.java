package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

    @Test
    void isVersion7AndOrderedByTime() {
        UUID earlier = TimeOrderedUuid.at(1_700_000_000_000L);
        UUID later = TimeOrderedUuid.at(1_700_000_000_001L);
        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()))
                .isNegative();
        assertThat(earlier.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
        assertThat(TimeOrderedUuid.next()).isNotEqualTo(TimeOrderedUuid.next());
    }
}
