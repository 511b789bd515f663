package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.H2ApiTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A header Spring Security's firewall refuses (raw UTF-8 whose bytes read as C1 control characters: "✓", "’") is a
 * 400 naming the header on every path, never a 500 from the REST route that reads every header.
 */
class HeaderValuesH2Test extends H2ApiTestBase {

    @Test
    void aHeaderTheFirewallRefusesIsA400NamingItNot500() {
        String me = raw("GET /api/me", "X-API-Key: " + VIEWER_KEY, "X-Note: done \u2713");
        assertThat(me)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .contains("\"field\":\"X-Note\"");

        String capture = raw(
                "POST /api/lineage/completions",
                "X-API-Key: " + INGEST_KEY,
                "User-Agent: pipeline \u2019s client",
                "Content-Type: application/json",
                "Content-Length: 2",
                "",
                "{}");
        assertThat(capture).startsWith("HTTP/1.1 400").contains("\"field\":\"User-Agent\"");

        String download = raw(
                "GET /api/lineage/" + UUID.randomUUID() + "/download",
                "X-API-Key: " + AUDITOR_KEY,
                "X-Access-Purpose: Pr\u00fcfung \u2713");
        assertThat(download)
                .startsWith("HTTP/1.1 400")
                .contains("\"field\":\"X-Access-Purpose\"")
                .contains("RFC 8187");
    }

    @Test
    void anotherApplicationsCookieWithRawUtf8DoesNotLockTheBrowserOut() {
        String me = raw(
                "GET /api/me",
                "X-API-Key: " + VIEWER_KEY,
                "Cookie: theme=dark; greeting=gr\u00fc\u00df \u2713; lang=en");
        assertThat(me).startsWith("HTTP/1.1 200").contains("\"name\":\"test-viewer\"");

        String search = raw("GET /api/lineage/search?limit=1", "X-API-Key: " + VIEWER_KEY, "Cookie: only=\u2713");
        assertThat(search).startsWith("HTTP/1.1 200");
    }

    @Test
    void keptCookiesAreThePrintableAsciiPairs() {
        assertThat(ForeignCookies.kept("a=1; b=\u00e2\u0082\u00ac; c=3")).isEqualTo("a=1; c=3");
        assertThat(ForeignCookies.kept("b=\u0085")).isEmpty();
    }

    /** A request sent byte for byte, header lines in UTF-8 as a client that does not encode them would send. */
    private String raw(String requestLine, String... lines) {
        try (Socket socket = new Socket("localhost", port())) {
            StringBuilder request =
                    new StringBuilder(requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            boolean body = false;
            for (String line : lines) {
                if (line.isEmpty()) {
                    body = true;
                    request.append("\r\n");
                } else {
                    request.append(line).append(body ? "" : "\r\n");
                }
            }
            if (!body) {
                request.append("\r\n");
            }
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
