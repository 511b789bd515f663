package com.leadfactory.lineage.security;

import com.leadfactory.lineage.caller.CallerHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.filter.OncePerRequestFilter;

/** See {@link CallerHeaders}: hands the authenticated caller to the routes as trusted request headers. */
public class CallerHeadersFilter extends OncePerRequestFilter {

    private final CallerResolver callers;

    public CallerHeadersFilter(CallerResolver callers) {
        this.callers = callers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new CallerRequest(request, callers.callerOf(request)), response);
    }

    // Camel reads every header of every request through this wrapper: no allocation per name
    private static boolean isCallerHeader(String name) {
        return name.regionMatches(true, 0, CallerHeaders.PREFIX, 0, CallerHeaders.PREFIX.length());
    }

    private static final class CallerRequest extends HttpServletRequestWrapper {
        private final Map<String, String> caller;

        CallerRequest(HttpServletRequest request, Map<String, String> caller) {
            super(request);
            this.caller = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            this.caller.putAll(caller);
        }

        @Override
        public String getHeader(String name) {
            return isCallerHeader(name) ? caller.get(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (isCallerHeader(name)) {
                String value = getHeader(name);
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> sent = super.getHeaderNames(); sent.hasMoreElements(); ) {
                String name = sent.nextElement();
                if (!isCallerHeader(name)) {
                    names.add(name);
                }
            }
            names.addAll(caller.keySet());
            return Collections.enumeration(names);
        }
    }
}
