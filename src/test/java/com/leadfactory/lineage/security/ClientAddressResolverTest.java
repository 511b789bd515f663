package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressResolverTest {

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void ignoresForwardedForFromUntrustedPeers() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
        assertThat(resolver.resolve(request("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void takesTheRightmostUntrustedHopBehindTrustedProxies() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "192.168.1.1"));
        assertThat(resolver.resolve(request("10.1.2.3", "6.6.6.6, 203.0.113.9, 192.168.1.1")))
                .isEqualTo("203.0.113.9");
        assertThat(resolver.resolve(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
        assertThat(resolver.resolve(request("10.1.2.3", "10.9.9.9"))).isEqualTo("10.1.2.3");
        assertThat(resolver.resolve(request("10.1.2.3", "not-an-ip"))).isEqualTo("10.1.2.3");
    }

    @Test
    void understandsIpv6AndOddPrefixes() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("2001:db8::/32", "172.16.0.0/12"));
        assertThat(resolver.resolve(request("2001:db8::1", "198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(resolver.resolve(request("172.31.255.255", "198.51.100.2"))).isEqualTo("198.51.100.2");
        assertThat(resolver.resolve(request("172.32.0.1", "198.51.100.3"))).isEqualTo("172.32.0.1");
    }

    @Test
    void refusesMalformedConfiguration() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/33")))
                .hasMessageContaining("trusted-proxies");
    }
}
