package com.leadfactory.lineage.security;

import com.leadfactory.lineage.caller.CallerHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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

    private static boolean isCallerHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith(CallerHeaders.PREFIX.toLowerCase(Locale.ROOT));
    }

    private static final class CallerRequest extends HttpServletRequestWrapper {
        private final Map<String, String> caller;

        CallerRequest(HttpServletRequest request, Map<String, String> caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public String getHeader(String name) {
            if (isCallerHeader(name)) {
                return caller.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
            }
            return super.getHeader(name);
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
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !isCallerHeader(n))
                    .collect(Collectors.toList());
            names.addAll(caller.keySet());
            return Collections.enumeration(names);
        }
    }
}
