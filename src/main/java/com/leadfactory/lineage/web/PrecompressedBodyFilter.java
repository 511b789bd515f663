package com.leadfactory.lineage.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a route send a body that is already gzip (the logs, compressed once at capture) with
 * {@code Content-Encoding: gzip}.
 *
 * <p>Why a filter (docs/DESIGN-NOTES.md, "Logs served pre-compressed"): Camel's HTTP binding compresses every
 * body whose message carries {@code Content-Encoding: gzip}, so a route cannot say "this is gzip already" with
 * that header. It names the encoding in {@link #HEADER} instead, and this filter turns that into
 * {@code Content-Encoding} on its way out (Tomcat's own compression then leaves the body alone).
 */
public class PrecompressedBodyFilter extends OncePerRequestFilter {

    /** The response header a route sets, instead of Content-Encoding, on a body that is already encoded. */
    public static final String HEADER = "X-Lineage-Precompressed";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                super.setHeader(HEADER.equalsIgnoreCase(name) ? "Content-Encoding" : name, value);
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(HEADER.equalsIgnoreCase(name) ? "Content-Encoding" : name, value);
            }
        });
    }
}
