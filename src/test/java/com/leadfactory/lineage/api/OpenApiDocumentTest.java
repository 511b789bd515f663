package com.leadfactory.lineage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    @Test
    void joinsOperationsOnOnePathAndKeepsEachTagAndSchemaOnce() {
        OpenAPI into = document("/lineage/{id}", PathItem.HttpMethod.GET, "a", "Summary");
        OpenAPI from = document("/lineage/{id}", PathItem.HttpMethod.DELETE, "a", "Summary");
        from.getPaths().addPathItem("/me", new PathItem().get(new Operation().operationId("me")));
        from.getComponents().addSecuritySchemes("key", new SecurityScheme().type(SecurityScheme.Type.APIKEY));
        from.addSecurityItem(new SecurityRequirement().addList("key"));

        OpenAPI merged = OpenApiDocument.merge(into, from);

        PathItem item = merged.getPaths().get("/lineage/{id}");
        assertThat(item.getGet()).isNotNull();
        assertThat(item.getDelete()).isNotNull();
        assertThat(merged.getPaths()).containsKey("/me");
        assertThat(merged.getTags()).extracting(Tag::getName).containsExactly("a");
        assertThat(merged.getComponents().getSchemas()).containsOnlyKeys("Summary");
        assertThat(merged.getComponents().getSecuritySchemes()).containsKey("key");
        assertThat(merged.getSecurity()).hasSize(1);
        OpenApiDocument.merge(merged, from);
        assertThat(merged.getSecurity()).as("a requirement is added once").hasSize(1);
    }

    @Test
    void refusesTwoDifferentSchemasUnderOneName() {
        OpenAPI into = document("/a", PathItem.HttpMethod.GET, "a", "Summary");
        OpenAPI from = document("/b", PathItem.HttpMethod.GET, "b", "Summary");
        from.getComponents().addSchemas("Summary", new ObjectSchema().addProperty("other", new IntegerSchema()));

        assertThatThrownBy(() -> OpenApiDocument.merge(into, from))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Summary");
    }

    @Test
    void startsFromAnEmptyDocument() {
        OpenAPI merged = OpenApiDocument.merge(new OpenAPI(), document("/a", PathItem.HttpMethod.GET, "a", "S"));

        assertThat(merged.getPaths()).containsKey("/a");
        assertThat(merged.getComponents().getSchemas()).containsKey("S");
    }

    private static OpenAPI document(String path, PathItem.HttpMethod method, String tag, String schema) {
        OpenAPI document = new OpenAPI();
        document.setPaths(new Paths());
        PathItem item = new PathItem();
        item.operation(method, new Operation());
        document.getPaths().addPathItem(path, item);
        document.addTagsItem(new Tag().name(tag));
        document.setComponents(
                new Components().addSchemas(schema, new ObjectSchema().addProperty("name", new StringSchema())));
        return document;
    }
}
