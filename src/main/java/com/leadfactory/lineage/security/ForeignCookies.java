package com.leadfactory.lineage.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * The {@code Cookie} header without the cookies Spring Security's firewall would refuse (raw bytes beyond ASCII,
 * control characters): such cookies belong to other applications on the same host, and this service reads none of
 * them. The other headers are left to {@link HeaderValuesFilter}.
 */
final class ForeignCookies {

    private static final String COOKIE = "cookie";

    private ForeignCookies() {}

    /** The request itself when its cookies pass the firewall, else one whose Cookie header keeps only those that do. */
    static HttpServletRequest withoutRefused(HttpServletRequest request) {
        try {
            Enumeration<String> values = request.getHeaders(COOKIE);
            while (values.hasMoreElements()) {
                values.nextElement();
            }
            return request;
        } catch (RequestRejectedException refused) {
            List<String> kept = new ArrayList<>();
            Enumeration<String> raw = beneathFirewall(request).getHeaders(COOKIE);
            while (raw.hasMoreElements()) {
                String value = kept(raw.nextElement());
                if (!value.isEmpty()) {
                    kept.add(value);
                }
            }
            return new KeptCookies(request, kept);
        }
    }

    /** The cookie pairs of one header value whose every character is printable ASCII, joined as a browser joins them. */
    static String kept(String headerValue) {
        StringBuilder kept = new StringBuilder();
        for (String pair : headerValue.split(";")) {
            String trimmed = pair.trim();
            if (!trimmed.isEmpty() && printableAscii(trimmed)) {
                kept.append(kept.length() == 0 ? "" : "; ").append(trimmed);
            }
        }
        return kept.toString();
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static HttpServletRequest beneathFirewall(HttpServletRequest request) {
        ServletRequest current = request;
        while (current instanceof FirewalledRequest firewalled) {
            current = firewalled.getRequest();
        }
        return current instanceof HttpServletRequest http ? http : request;
    }

    private static final class KeptCookies extends HttpServletRequestWrapper {

        private final List<String> cookies;

        KeptCookies(HttpServletRequest request, List<String> cookies) {
            super(request);
            this.cookies = cookies;
        }

        @Override
        public String getHeader(String name) {
            if (!COOKIE.equalsIgnoreCase(name)) {
                return super.getHeader(name);
            }
            return cookies.isEmpty() ? null : cookies.get(0);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return COOKIE.equalsIgnoreCase(name) ? Collections.enumeration(cookies) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            if (!cookies.isEmpty()) {
                return super.getHeaderNames();
            }
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(COOKIE::equalsIgnoreCase);
            return Collections.enumeration(names);
        }
    }
}
