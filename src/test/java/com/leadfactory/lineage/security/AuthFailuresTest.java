package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class AuthFailuresTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static MockHttpServletRequest from(String ip) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
        request.setRemoteAddr(ip);
        return request;
    }

    @Test
    void anAddressWaitsUntilEnoughOfItsFailuresLeaveTheWindow() {
        AuthFailureProperties properties = new AuthFailureProperties();
        properties.setMaxAttempts(3);
        properties.setWindow(Duration.ofMinutes(1));
        TestClock clock = new TestClock();
        List<String> heard = new ArrayList<>();
        AuthFailures failures = new AuthFailures(
                properties,
                new ClientAddressResolver(List.of()),
                (request, method, name) -> heard.add(method + ":" + name),
                new SimpleMeterRegistry(),
                clock);

        failures.failed(from("198.51.100.7"), AuthFailures.API_KEY, null);
        clock.now = clock.now.plusSeconds(10);
        failures.failed(from("198.51.100.7"), AuthFailures.PASSWORD, "eve");
        assertThat(failures.retryAfter(from("198.51.100.7"))).isEmpty();
        clock.now = clock.now.plusSeconds(10);
        failures.failed(from("198.51.100.7"), AuthFailures.API_KEY, null);

        assertThat(failures.retryAfter(from("198.51.100.7"))).contains(Duration.ofSeconds(40));
        assertThat(failures.retryAfter(from("203.0.113.1")))
                .as("another address")
                .isEmpty();
        assertThat(heard).containsExactly("api_key:null", "password:eve", "api_key:null");

        clock.now = clock.now.plusSeconds(40);
        assertThat(failures.retryAfter(from("198.51.100.7")))
                .as("the first failure has left the window")
                .isEqualTo(Optional.empty());
        clock.now = clock.now.plusSeconds(60);
        assertThat(failures.retryAfter(from("198.51.100.7"))).isEmpty();
    }

    @Test
    void refusesSettingsThatCannotWork() {
        AuthFailureProperties properties = new AuthFailureProperties();
        assertThat(properties.getMaxAttempts()).isEqualTo(20);
        assertThat(properties.getWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.getFlushInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> properties.setMaxAttempts(0)).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> properties.setWindow(Duration.ZERO)).hasMessageContaining("window");
        assertThatThrownBy(() -> properties.setFlushInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("flush-interval");
    }

    @Test
    void anIpv6ClientCannotEscapeTheThrottleByTakingAnotherAddressOfItsSlash64() {
        AuthFailureProperties properties = new AuthFailureProperties();
        properties.setMaxAttempts(3);
        properties.setWindow(Duration.ofMinutes(1));
        AuthFailures failures = new AuthFailures(
                properties,
                new ClientAddressResolver(List.of()),
                (request, method, name) -> {},
                new SimpleMeterRegistry(),
                new TestClock());

        failures.failed(from("2001:db8:aa:1::1"), AuthFailures.API_KEY, null);
        failures.failed(from("2001:db8:aa:1:ffff:ffff:ffff:2"), AuthFailures.API_KEY, null);
        failures.failed(from("2001:0db8:00aa:0001:1234:5678:9abc:def0"), AuthFailures.API_KEY, null);

        assertThat(failures.retryAfter(from("2001:db8:aa:1::77")))
                .as("any address of the same /64")
                .isPresent();
        assertThat(failures.retryAfter(from("2001:db8:aa:2::1")))
                .as("the next /64")
                .isEmpty();
    }

    @Test
    void throttledAddressesAreIpv4OrTheSlash64OfIpv6() {
        assertThat(AuthFailures.throttled("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(AuthFailures.throttled("2001:db8::1")).isEqualTo("2001:db8:0:0::/64");
        assertThat(AuthFailures.throttled("2001:DB8:0:0:1::1")).isEqualTo("2001:db8:0:0::/64");
        assertThat(AuthFailures.throttled("::1")).isEqualTo("0:0:0:0::/64");
        assertThat(AuthFailures.throttled("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(AuthFailures.throttled("[2001:db8:1:2:3:4:5:6]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AuthFailures.throttled("::ffff:198.51.100.7"))
                .as("IPv4-mapped")
                .isEqualTo("198.51.100.7");
        assertThat(AuthFailures.throttled("not:an:address")).isEqualTo("not:an:address");
        assertThat(AuthFailures.throttled(null)).isNull();
    }
}
