package com.leadfactory.lineage.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's IP for the audit trail. {@code X-Forwarded-For} is believed only when the socket peer is a
 * configured trusted proxy, and then the rightmost address that is not itself a trusted proxy is taken, so
 * a client cannot write an address of its choosing into the trail.
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
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return looksLikeIp(hop) ? hop : peer;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static boolean looksLikeIp(String value) {
        return value.matches("[0-9a-fA-F:.]{2,45}");
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
            if (!looksLikeIp(candidate)) {
                return false;
            }
            byte[] address;
            try {
                address = InetAddress.getByName(candidate).getAddress();
            } catch (UnknownHostException e) {
                return false;
            }
            if (address.length != network.length) {
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
