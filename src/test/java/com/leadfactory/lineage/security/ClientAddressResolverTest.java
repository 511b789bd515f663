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

    /** HAProxy's option forwardfor adds its own line: the client's forged line comes first and must not win. */
    @Test
    void readsEveryForwardedForLineNotJustTheFirst() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
        MockHttpServletRequest request = request("10.1.2.3", "6.6.6.6");
        request.addHeader("X-Forwarded-For", "203.0.113.9");
        assertThat(resolver.resolve(request)).isEqualTo("203.0.113.9");
        MockHttpServletRequest behindTwo = request("10.1.2.3", "6.6.6.6, 203.0.113.10");
        behindTwo.addHeader("X-Forwarded-For", "10.4.4.4");
        assertThat(resolver.resolve(behindTwo)).isEqualTo("203.0.113.10");
    }

    /** A hop that is not an IP literal is never resolved (a DNS lookup per request, of a name the client chose). */
    @Test
    void aHopThatIsAHostNameOrNotAnAddressIsNotTakenNorLookedUp() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
        for (String hop :
                new String[] {"localhost", "dead.beef.cafe", "1.2.3.4.5", "1.2.3", "256.1.1.1", "1.2.3.4:80"}) {
            assertThat(resolver.resolve(request("10.1.2.3", hop))).as(hop).isEqualTo("10.1.2.3");
            assertThat(ClientAddressResolver.ipLiteral(hop)).as(hop).isNull();
        }
        assertThat(ClientAddressResolver.ipLiteral("198.51.100.7")).hasSize(4);
        assertThat(ClientAddressResolver.ipLiteral("2001:db8::1")).hasSize(16);
        // a name is not a trusted proxy either, whatever it resolves to
        ClientAddressResolver trustsLoopback = new ClientAddressResolver(List.of("127.0.0.0/8"));
        assertThat(trustsLoopback.resolve(request("127.0.0.1", "198.51.100.8, localhost")))
                .isEqualTo("127.0.0.1");
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
