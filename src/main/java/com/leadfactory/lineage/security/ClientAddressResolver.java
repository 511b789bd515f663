package com.leadfactory.lineage.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The caller's IP for the audit trail. {@code X-Forwarded-For} is believed only when the socket peer is a
 * configured trusted proxy, and then the rightmost address that is not itself a trusted proxy is taken, so
 * a client cannot write an address of its choosing into the trail. Every {@code X-Forwarded-For} line counts, in
 * order: a proxy that adds its own line (HAProxy's {@code option forwardfor}) leaves the client's forged one
 * first. Hops are read as IP literals only, never resolved: a name in the header is not an address.
 */
public class ClientAddressResolver {

    private final List<Cidr> trusted = new ArrayList<>();

    public ClientAddressResolver(List<String> trustedProxies) {
        for (String cidr : trustedProxies) {
            trusted.add(Cidr.parse(cidr.trim()));
        }
    }

    public String resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        Enumeration<String> lines = request.getHeaders("X-Forwarded-For");
        while (lines != null && lines.hasMoreElements()) {
            for (String hop : lines.nextElement().split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return ipLiteral(hop) != null ? hop : peer;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /**
     * The address an IP literal names, or null. Only a dotted quad or a text with a colon (which InetAddress reads
     * as an IPv6 literal or refuses) reaches InetAddress: anything else, {@code cafe.example} too, it would look up
     * in DNS, a lookup per request on the request thread for a name the client chose.
     */
    static byte[] ipLiteral(String value) {
        boolean v4 = IPV4.matcher(value).matches();
        if (!v4 && !(value.indexOf(':') >= 0 && IPV6.matcher(value).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Cidr(address, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        "lineage.security.trusted-proxies: '" + text + "' is not an IP address or CIDR", e);
            }
        }

        boolean contains(String candidate) {
            byte[] address = ipLiteral(candidate);
            if (address == null || address.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
