package com.leadfactory.lineage.panel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The panel's files under a path that changes whenever one of them changes ({@code /assets/v-<hash>/...}), sent
 * with a year's {@code Cache-Control: immutable}, so that a browser that has seen this version of the panel loads
 * none of its modules again (docs/DESIGN-NOTES.md, "Panel files cached by version"). The pages refer to the
 * versioned path ({@link PanelPages}); modules import each other by relative paths, which resolve under the same
 * version. The plain {@code /assets/...} path keeps working, uncached, for anything that links to it.
 */
@Component
@ConditionalOnProperty(name = "lineage.panel.versioned-assets", havingValue = "true", matchIfMissing = true)
public class PanelAssets implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/static/assets/";
    private static final Duration CACHED_FOR = Duration.ofDays(365);

    private final String version;

    public PanelAssets() {
        this.version = "v-" + contentHash();
    }

    /** The path prefix of this version's files, e.g. {@code /assets/v-3f9c0a1b2c4d/}. */
    public String prefix() {
        return "/assets/" + version + "/";
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(prefix() + "**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.maxAge(CACHED_FOR).cachePublic().immutable());
    }

    /** SHA-256 over every file's path and bytes, in path order: any change to any file gives a new version. */
    private static String contentHash() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION + "**/*");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Resource[] readable = Arrays.stream(files)
                    .filter(Resource::isReadable)
                    .sorted(Comparator.comparing(PanelAssets::pathOf))
                    .toArray(Resource[]::new);
            for (Resource file : readable) {
                sha.update(pathOf(file).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = file.getInputStream()) {
                    sha.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the panel's files under " + LOCATION, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pathOf(Resource file) {
        try {
            String url = file.getURL().toString();
            int at = url.lastIndexOf("/static/assets/");
            return at < 0 ? url : url.substring(at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
