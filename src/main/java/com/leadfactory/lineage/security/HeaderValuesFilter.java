package com.leadfactory.lineage.security;

import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request with a header Spring Security's firewall does not accept (a control character in its name or
 * value; raw UTF-8 bytes beyond ASCII, which arrive as ISO-8859-1 and often read as C1 control characters) with a
 * 400 problem naming the header, before anything reads it. The firewall checks a header only when it is read:
 * the REST routes read every header, so such a header used to fail there with a 500, and a header a filter read
 * first with a bare {@code bad-request} that named nothing. First in the security chain.
 *
 * <p>The {@code Cookie} header is the exception: a browser sends every cookie of the host, also those another
 * application on the same host set (cookies do not know ports), and one such cookie with raw UTF-8 would lock that
 * browser out of the panel. Cookies this service reads are ASCII (the session id), so the ones the firewall would
 * refuse are left out of the {@code Cookie} header the rest of the chain sees, and the request goes on.
 */
public class HeaderValuesFilter extends OncePerRequestFilter {

    static final String PROBLEM = "has a character a header may not carry (a control character, or raw bytes beyond"
            + " ASCII read as one): send printable ASCII, and text beyond ASCII percent-encoded (RFC 8187: UTF-8''"
            + " followed by its percent-encoded UTF-8 bytes)";

    private final ProblemWriter problems;

    public HeaderValuesFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest passed = ForeignCookies.withoutRefused(request);
        String refused = refusedHeader(passed);
        if (refused == null) {
            chain.doFilter(passed, response);
            return;
        }
        problems.write(request, response, new BadParameterException(refused, PROBLEM).problem());
    }

    /** The first header the firewall refuses to hand out, or null when it hands out every one. */
    static String refusedHeader(HttpServletRequest request) {
        Enumeration<String> names;
        try {
            names = request.getHeaderNames();
        } catch (RequestRejectedException e) {
            return "headers";
        }
        while (true) {
            String name;
            try {
                if (!names.hasMoreElements()) {
                    return null;
                }
                name = names.nextElement();
            } catch (RequestRejectedException e) {
                return "headers";
            }
            try {
                Enumeration<String> values = request.getHeaders(name);
                while (values.hasMoreElements()) {
                    values.nextElement();
                }
            } catch (RequestRejectedException e) {
                return displayed(name);
            }
        }
    }

    /** Tomcat hands header names out lower-cased; a problem names them as they are written: X-Access-Purpose. */
    static String displayed(String name) {
        StringBuilder shown = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            shown.append(start ? Character.toUpperCase(c) : c);
            start = c == '-';
        }
        return shown.toString();
    }
}
