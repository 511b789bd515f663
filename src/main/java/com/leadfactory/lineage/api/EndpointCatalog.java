package com.leadfactory.lineage.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The declared endpoints ({@link LineageApi}), checked once at start-up: ids, method + path and routes are unique,
 * and exactly one endpoint is the OpenAPI document.
 */
@Component
public class EndpointCatalog {

    private final List<Endpoint> endpoints;

    @Autowired
    public EndpointCatalog() {
        this(LineageApi.endpoints());
    }

    public EndpointCatalog(List<Endpoint> endpoints) {
        Set<String> ids = new HashSet<>();
        Set<String> paths = new HashSet<>();
        Set<String> routes = new HashSet<>();
        for (Endpoint endpoint : endpoints) {
            unique(ids, endpoint.id(), "id");
            unique(paths, endpoint.method() + " " + endpoint.path().shape(), "method and path");
            if (endpoint.route() != null) {
                unique(routes, endpoint.route(), "route");
            }
        }
        if (endpoints.stream().filter(Endpoint::servesTheApiDocument).count() != 1) {
            throw new IllegalArgumentException("endpoint catalog: exactly one endpoint is the OpenAPI document");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    /** In declaration order (the order of the OpenAPI document). */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Where two paths match one request, the one listed first wins: literal segments before variables. */
    public List<Endpoint> mostSpecificFirst() {
        List<Endpoint> ordered = new ArrayList<>(endpoints);
        ordered.sort((a, b) -> PathTemplate.MORE_SPECIFIC_FIRST.compare(a.path(), b.path()));
        return List.copyOf(ordered);
    }

    public Endpoint apiDocument() {
        return endpoints.stream()
                .filter(Endpoint::servesTheApiDocument)
                .findFirst()
                .orElseThrow();
    }

    private static void unique(Set<String> seen, String value, String what) {
        if (!seen.add(value)) {
            throw new IllegalArgumentException("endpoint catalog: " + what + " '" + value + "' is declared twice");
        }
    }
}
