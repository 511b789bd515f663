package com.leadfactory.lineage.api;

import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.problem.ProblemBody;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One endpoint of the HTTP API, declared once in {@link LineageApi}: who may call it, what a refused call is
 * audited as, the route that serves it and what the OpenAPI document says about it. Security, refused-read
 * auditing, the REST DSL and the OpenAPI document are all derived from it (docs/ARCHITECTURE.md, 'The endpoint
 * catalog').
 *
 * @param path under {@code /api}, e.g. {@code /lineage/{lineage_id}/logs}
 * @param role null: any authenticated caller
 * @param auditAction what a call (and a refused call) is audited as; null for calls that read no record
 * @param auditsServedCalls false when only refusals are audited (a served call reads no record, e.g. counts)
 * @param needsPurpose the call reads customer data: it states its purpose in {@code X-Access-Purpose}, and is
 *     refused without one while {@code lineage.audit.require-purpose} is on (docs/ARCHITECTURE.md, "Purpose of
 *     access")
 * @param route the {@code direct:} route that serves it; null only for the OpenAPI document itself
 * @param responses what this endpoint answers besides the standard errors ({@link #documentedResponses})
 */
public record Endpoint(
        String id,
        Method method,
        PathTemplate path,
        Role role,
        String auditAction,
        boolean auditsServedCalls,
        boolean needsPurpose,
        String route,
        String summary,
        List<Param> params,
        Class<?> requestType,
        String consumes,
        String produces,
        Class<?> responseType,
        List<Response> responses) {

    /** Everything the catalog declares is served under this prefix (Camel's REST context path). */
    public static final String API_PREFIX = "/api";

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    public enum Method {
        GET,
        POST,
        PUT,
        DELETE
    }

    /** A request parameter; {@code dataType} is an OpenAPI type (string, integer, boolean, number). */
    public record Param(String name, In in, String dataType, boolean required, String description) {

        public enum In {
            PATH,
            QUERY,
            HEADER
        }

        public static Param path(String name, String description) {
            return new Param(name, In.PATH, "string", true, description);
        }

        public static Param query(String name, String dataType, String description) {
            return new Param(name, In.QUERY, dataType, false, description);
        }
    }

    /**
     * One documented answer; {@code model} and {@code contentType} may be null (the endpoint's produces); {@code
     * list}: the body is a JSON array of {@code model}; {@code or}: the body is either {@code model} or this.
     */
    public record Response(
            int status, String description, Class<?> model, String contentType, boolean list, Class<?> or) {

        public Response(int status, String description, Class<?> model, String contentType) {
            this(status, description, model, contentType, false, null);
        }

        static Response problem(int status, String description) {
            return new Response(status, description, ProblemBody.class, Problem.MEDIA_TYPE);
        }
    }

    public static Builder get(String path) {
        return new Builder(Method.GET, path);
    }

    public static Builder post(String path) {
        return new Builder(Method.POST, path);
    }

    public static Builder put(String path) {
        return new Builder(Method.PUT, path);
    }

    public static Builder delete(String path) {
        return new Builder(Method.DELETE, path);
    }

    /** The path as a client calls it, e.g. {@code /api/lineage/{lineage_id}/logs}. */
    public String fullPath() {
        return API_PREFIX + path.text();
    }

    public boolean servesTheApiDocument() {
        return route == null;
    }

    /**
     * This endpoint's responses plus the standard errors it can answer: 401 always; 403 when it needs a role; 400
     * when it takes parameters or a body; 413 and 415 when it takes a body (too large; compressed, or of another
     * media type); 404 when its path names a record. A status the endpoint declares itself keeps its own
     * description.
     */
    public List<Response> documentedResponses() {
        Map<Integer, Response> all = new LinkedHashMap<>();
        responses.forEach(response -> all.put(response.status(), response));
        if (!params.isEmpty() || requestType != null) {
            all.putIfAbsent(400, Response.problem(400, "invalid parameters (each named in errors)"));
        }
        if (requestType != null) {
            all.putIfAbsent(413, Response.problem(413, "the body is larger than the endpoint takes"));
            all.putIfAbsent(
                    415,
                    Response.problem(415, "a compressed body (Content-Encoding), or a Content-Type not taken here"));
        }
        all.putIfAbsent(401, Response.problem(401, "no or unknown credentials"));
        if (role != null) {
            all.putIfAbsent(403, Response.problem(403, "the caller's roles do not allow this"));
        }
        if (!path.variables().isEmpty()) {
            all.putIfAbsent(404, Response.problem(404, "no such record"));
        }
        return all.values().stream()
                .sorted(Comparator.comparingInt(Response::status))
                .toList();
    }

    /** Who may call it and what it leaves in the audit trail, in words (the OpenAPI operation's description). */
    public String accessNote() {
        StringBuilder note = new StringBuilder();
        if (role == null) {
            note.append("Any authenticated client.");
        } else {
            note.append("Needs the role ").append(role.value());
            List<String> holders = Arrays.stream(Role.values())
                    .filter(other -> other.holds().contains(role))
                    .map(Role::value)
                    .toList();
            if (!holders.isEmpty()) {
                note.append(" (").append(String.join(" and ", holders)).append(" hold it too)");
            }
            note.append('.');
        }
        if (auditAction != null) {
            note.append(
                    auditsServedCalls
                            ? " Every call, a refused one too, writes an audit row (action " + auditAction + ")."
                            : " A refused call writes an audit row (action " + auditAction + ").");
        }
        if (needsPurpose) {
            note.append(" Reads customer data: the purpose of the access goes in X-Access-Purpose.");
        }
        return note.toString();
    }

    @Override
    public String toString() {
        return method + " " + fullPath();
    }

    /** Declares an endpoint; {@link #build} refuses a declaration that leaves out a decision. */
    public static final class Builder {
        private final Method method;
        private final PathTemplate path;
        private String id;
        private Role role;
        private boolean roleDecided;
        private String auditAction;
        private boolean auditsServedCalls;
        private boolean auditDecided;
        private boolean needsPurpose;
        private String route;
        private boolean apiDocument;
        private String summary;
        private final List<Param> params = new ArrayList<>();
        private Class<?> requestType;
        private String consumes;
        private String produces;
        private Class<?> responseType;
        private final List<Response> responses = new ArrayList<>();

        private Builder(Method method, String path) {
            this.method = method;
            this.path = PathTemplate.parse(path);
        }

        /** kebab-case; the OpenAPI operationId and the id of the REST route. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** Callers need this role (or one that holds it, see {@link Role#holds}). */
        public Builder role(Role role) {
            this.role = Objects.requireNonNull(role, "role");
            this.roleDecided = true;
            return this;
        }

        public Builder anyAuthenticated() {
            this.role = null;
            this.roleDecided = true;
            return this;
        }

        /** A read of a record: every call, refused ones included, writes an audit row with this action. */
        public Builder audit(String action) {
            this.auditAction = Objects.requireNonNull(action, "action");
            this.auditsServedCalls = true;
            this.auditDecided = true;
            return this;
        }

        /** Reads no record when served (e.g. aggregate counts), but a refused call is audited with this action. */
        public Builder auditRefusals(String action) {
            audit(action);
            this.auditsServedCalls = false;
            return this;
        }

        /** Not a read of a record (a capture, the caller's own session, the API document). */
        public Builder notAudited() {
            this.auditAction = null;
            this.auditsServedCalls = false;
            this.auditDecided = true;
            return this;
        }

        /**
         * The call returns customer data (raw inputs): the caller states a purpose in {@code X-Access-Purpose}, which
         * the audit row keeps. Needs an audit action.
         */
        public Builder needsPurpose() {
            this.needsPurpose = true;
            return param(new Param(
                    "X-Access-Purpose",
                    Param.In.HEADER,
                    "string",
                    true,
                    "why you read this customer data: a ticket reference or a short reason, 3-200 characters"
                            + " (required unless lineage.audit.require-purpose=false; stored in the audit row)"));
        }

        /** The {@code direct:} route (in routes/*.yaml) that serves the endpoint. */
        public Builder to(String route) {
            this.route = route;
            return this;
        }

        /** The endpoint is Camel's OpenAPI document of this catalog, not a route of ours. */
        public Builder apiDocument() {
            this.apiDocument = true;
            return this;
        }

        public Builder param(Param param) {
            params.add(param);
            return this;
        }

        public Builder query(String name, String dataType, String description) {
            return param(Param.query(name, dataType, description));
        }

        public Builder body(Class<?> type, String mediaType) {
            this.requestType = type;
            this.consumes = mediaType;
            return this;
        }

        public Builder produces(String mediaType) {
            this.produces = mediaType;
            return this;
        }

        /** A 200 with a typed body (also the REST verb's outType). */
        public Builder ok(String description, Class<?> model) {
            this.responseType = model;
            return response(200, description, model, null);
        }

        public Builder ok(String description) {
            return response(200, description, null, null);
        }

        /** A 200 whose body is a JSON array of {@code model}. */
        public Builder okList(String description, Class<?> model) {
            this.responseType = model;
            responses.add(new Response(200, description, model, null, true, null));
            return this;
        }

        /** A 200 whose body is one of two models. */
        public Builder okEither(String description, Class<?> model, Class<?> or) {
            this.responseType = model;
            responses.add(new Response(200, description, model, null, false, or));
            return this;
        }

        public Builder response(int status, String description, Class<?> model, String contentType) {
            responses.add(new Response(status, description, model, contentType));
            return this;
        }

        /** An endpoint-specific error answered as application/problem+json. */
        public Builder problem(int status, String description) {
            responses.add(Response.problem(status, description));
            return this;
        }

        public Endpoint build() {
            String name = method + " " + path;
            require(id != null && KEBAB.matcher(id).matches(), name + ": id must be kebab-case");
            require(summary != null && !summary.isBlank(), name + ": a summary for the OpenAPI document");
            require(roleDecided, name + ": say role(...) or anyAuthenticated()");
            require(auditDecided, name + ": say audit(\"action\"), auditRefusals(\"action\") or notAudited()");
            require(!needsPurpose || auditAction != null, name + ": a purpose is stated for an audited read");
            require(
                    auditAction == null || SNAKE.matcher(auditAction).matches(),
                    name + ": audit actions are lower_snake_case words");
            require(
                    apiDocument ? route == null : route != null && route.startsWith("direct:"),
                    name + ": to(\"direct:...\") names the route that serves it (or apiDocument())");
            require(
                    responses.stream().map(Response::status).distinct().count() == responses.size(),
                    name + ": a status is documented twice");
            List<Param> all = new ArrayList<>();
            for (String variable : path.variables()) {
                all.add(params.stream()
                        .filter(p -> p.in() == Param.In.PATH && p.name().equals(variable))
                        .findFirst()
                        .orElse(Param.path(variable, variable)));
            }
            for (Param param : params) {
                require(
                        param.in() != Param.In.PATH || path.variables().contains(param.name()),
                        name + ": path parameter " + param.name() + " is not in the path");
                if (param.in() != Param.In.PATH) {
                    all.add(param);
                }
            }
            return new Endpoint(
                    id,
                    method,
                    path,
                    role,
                    auditAction,
                    auditsServedCalls,
                    needsPurpose,
                    route,
                    summary,
                    List.copyOf(all),
                    requestType,
                    consumes,
                    produces,
                    responseType,
                    List.copyOf(responses));
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException("endpoint " + message);
            }
        }
    }
}
