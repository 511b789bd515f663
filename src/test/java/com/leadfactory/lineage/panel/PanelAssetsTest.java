package com.leadfactory.lineage.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.H2ApiTestBase;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The panel's files are served under a versioned path and cached by browsers for a year, so a reload fetches
 * none of them again; the pages point at that path and are never cached themselves.
 */
class PanelAssetsTest extends H2ApiTestBase {

    private static final Pattern VERSIONED = Pattern.compile("src=\"(/assets/v-[0-9a-f]{12}/)login\\.js\"");

    private String versionedPrefix() {
        String login = RestAssured.given()
                .port(port())
                .get("/login.html")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher prefix = VERSIONED.matcher(login);
        assertThat(prefix.find()).as(login).isTrue();
        return prefix.group(1);
    }

    /**
     * Everything in the static folder is served to any signed-in caller (notes about the code too, which is why the
     * panel's are in docs/PANEL.md): it holds the two pages, the icon and the assets, nothing else.
     */
    @Test
    void theStaticFolderHoldsOnlyWhatThePanelServes() throws IOException {
        try (var entries = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/static"))) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("assets", "favicon.ico", "index.html", "login.html");
        }
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/static/assets"))) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile)
                            .map(path -> path.getFileName().toString()))
                    .allMatch(
                            name -> name.matches(".*\\.(js|css|svg|json)"),
                            "a script, a style sheet, an icon or a published schema");
        }
    }

    @Test
    void thePagesLinkEveryFileUnderOneVersionedPathAndAreNotCached() {
        String prefix = versionedPrefix();
        Response login = RestAssured.given().port(port()).get("/login.html");
        assertThat(login.getContentType()).startsWith("text/html");
        assertThat(login.getHeader("Cache-Control")).contains("no-store");
        assertThat(login.asString()).doesNotContain("\"/assets/login.js\"").contains("href=\"" + prefix + "app.css\"");

        Response index = as(VIEWER_KEY).get("/");
        index.then().statusCode(200);
        assertThat(index.getHeader("Cache-Control")).contains("no-store");
        assertThat(index.asString())
                .contains("<script type=\"module\" src=\"" + prefix + "app.js\"></script>")
                .contains("<link rel=\"modulepreload\" href=\"" + prefix + "lib/api.js\">")
                .doesNotContainPattern("\"/assets/(?!v-[0-9a-f]{12}/)");
        assertThat(as(VIEWER_KEY).get("/index.html").asString()).isEqualTo(index.asString());
    }

    @Test
    void versionedFilesAreTheFilesCachedForAYear() throws IOException {
        String prefix = versionedPrefix();
        for (String file : new String[] {"app.js", "lib/api.js", "views/report.js", "app.css"}) {
            Response served = RestAssured.given().port(port()).get(prefix + file);
            served.then().statusCode(200);
            assertThat(served.getHeader("Cache-Control"))
                    .as(file)
                    .contains("max-age=31536000")
                    .contains("immutable")
                    .doesNotContain("no-store");
            assertThat(served.asByteArray()).as(file).isEqualTo(bytesOf("static/assets/" + file));
        }
        // the plain path still works, uncached, for anything that links to it
        Response plain = RestAssured.given().port(port()).get("/assets/app.js");
        plain.then().statusCode(200);
        assertThat(plain.getHeader("Cache-Control")).contains("no-store");
        // another version's path is not this one's files
        RestAssured.given()
                .port(port())
                .get("/assets/v-000000000000/app.js")
                .then()
                .statusCode(404);
    }

    @Test
    void onlyLinksToAssetsAreRewritten() {
        assertThat(PanelPages.rewrite(
                        "<link href=\"/assets/a.css\"><script src=\"/assets/b.js\"></script><a href=\"#/audit\">",
                        "/assets/v-abc/"))
                .isEqualTo("<link href=\"/assets/v-abc/a.css\"><script src=\"/assets/v-abc/b.js\"></script>"
                        + "<a href=\"#/audit\">");
    }

    private static byte[] bytesOf(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
