package com.leadfactory.lineage.panel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The panel's two pages, with their links to {@code /assets/} pointing at this version's cached path
 * ({@link PanelAssets}). Read and rewritten once at start-up; the pages themselves are never cached by browsers
 * (Spring Security's default headers), so a new version is picked up on the next load.
 */
@Controller
@ConditionalOnProperty(name = "lineage.panel.versioned-assets", havingValue = "true", matchIfMissing = true)
public class PanelPages {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final byte[] index;
    private final byte[] login;

    public PanelPages(PanelAssets assets) {
        this.index = versioned("static/index.html", assets);
        this.login = versioned("static/login.html", assets);
    }

    @GetMapping({"/", "/index.html"})
    public ResponseEntity<byte[]> index() {
        return html(index);
    }

    @GetMapping("/login.html")
    public ResponseEntity<byte[]> login() {
        return html(login);
    }

    private static ResponseEntity<byte[]> html(byte[] page) {
        return ResponseEntity.ok().contentType(HTML).body(page);
    }

    /** The page with every {@code href="/assets/…"} and {@code src="/assets/…"} under the versioned prefix. */
    static byte[] versioned(String page, PanelAssets assets) {
        try (InputStream in = new ClassPathResource(page).getInputStream()) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return rewrite(html, assets.prefix()).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the panel page " + page, e);
        }
    }

    static String rewrite(String html, String prefix) {
        return html.replace("href=\"/assets/", "href=\"" + prefix).replace("src=\"/assets/", "src=\"" + prefix);
    }
}
