package com.leadfactory.lineage.api;

import com.leadfactory.lineage.api.Endpoint.Param;
import com.leadfactory.lineage.api.Endpoint.Response;
import java.util.Locale;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The REST DSL of the catalog: one verb per endpoint, calling the endpoint's {@code direct:} route, with the
 * OpenAPI metadata of its declaration. The route files hold only the {@code direct:} routes.
 */
@Component
public class RestRoutes extends RouteBuilder {

    private final EndpointCatalog catalog;

    public RestRoutes(EndpointCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void configure() {
        restConfiguration()
                .apiContextPath(catalog.apiDocument().path().text())
                .apiContextRouteId(catalog.apiDocument().id());
        // one REST definition per endpoint: api.OpenApiDocument reads each on its own, which keeps the OpenAPI
        // reader from logging every shared model class again for each verb that mentions it
        for (Endpoint endpoint : catalog.endpoints()) {
            if (!endpoint.servesTheApiDocument()) {
                verb(rest(), endpoint);
            }
        }
    }

    private static void verb(RestDefinition rest, Endpoint endpoint) {
        rest.verb(
                        endpoint.method().name().toLowerCase(Locale.ROOT),
                        endpoint.path().text())
                .id(endpoint.id())
                .routeId(endpoint.id())
                .description(endpoint.summary());
        if (endpoint.consumes() != null) {
            rest.consumes(endpoint.consumes());
        }
        if (endpoint.produces() != null) {
            rest.produces(endpoint.produces());
        }
        if (endpoint.requestType() != null) {
            rest.type(endpoint.requestType());
        }
        if (endpoint.responseType() != null) {
            rest.outType(endpoint.responseType());
        }
        for (Param param : endpoint.params()) {
            rest.param()
                    .name(param.name())
                    .type(RestParamType.valueOf(param.in().name().toLowerCase(Locale.ROOT)))
                    .dataType(param.dataType())
                    .required(param.required())
                    .description(param.description())
                    .endParam();
        }
        for (Response response : endpoint.documentedResponses()) {
            ResponseMessageDefinition message =
                    rest.responseMessage().code(response.status()).message(response.description());
            if (response.contentType() != null) {
                message.contentType(response.contentType());
            }
            if (response.model() != null) {
                message.responseModel(response.model());
            }
            message.endResponseMessage();
        }
        rest.to(endpoint.route());
    }
}
