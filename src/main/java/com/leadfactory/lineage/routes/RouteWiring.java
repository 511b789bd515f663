package com.leadfactory.lineage.routes;

import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.language.simple.SimpleExpressionParser;
import org.apache.camel.language.simple.types.SimpleParserException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What route files name that nothing defines, each finding with its file and line: a bean (step {@code bean},
 * expression {@code method}, {@code policy}, {@code aggregationStrategy}, {@code redeliveryPolicyRef}, Simple's
 * {@code ${bean:name?method=m}}), a method of it with the number of arguments the route passes, a SQL file, a
 * {@code direct:} endpoint no route consumes, a Java class, and a Simple expression that does not parse. Run on every file by {@code RouteWiringTest}, on a
 * {@code file:} route directory at start-up ({@link RouteFilesStartupCheck}), and on
 * each edit by {@link RouteFileReloader} before it reloads anything ({@code lineage.routes.reload=true}).
 */
final class RouteWiring {

    record Finding(String file, int line, String problem) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + problem;
        }
    }

    private static final Pattern DIRECT = Pattern.compile("direct:([A-Za-z0-9_-]+)");
    private static final Pattern SQL_FILE = Pattern.compile("(?<![\\w.-])([A-Za-z0-9_-]+\\.sql)\\b");
    private static final Pattern SIMPLE_BEAN = Pattern.compile("\\$\\{bean:([A-Za-z0-9_]+)(?:\\?method=|\\.)([^}]+)}");
    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
    private static final Set<String> BEAN_NAME_KEYS = Set.of("aggregationStrategy", "redeliveryPolicyRef");

    private final Function<String, Class<?>> beans;
    private final Set<String> sqlFiles;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Finding> directProducers = new LinkedHashMap<>();
    private final Set<String> directConsumers = new TreeSet<>();

    /**
     * @param beans the type of the bean of that name, or null when there is none
     * @param sqlFiles the names of the files in routes/sql
     */
    RouteWiring(Function<String, Class<?>> beans, Set<String> sqlFiles) {
        this.beans = beans;
        this.sqlFiles = sqlFiles;
    }

    /** Checks every file; {@code direct:} endpoints are matched across all of them. */
    static List<Finding> check(Map<String, String> routeFiles, Function<String, Class<?>> beans, Set<String> sqlFiles) {
        RouteWiring wiring = new RouteWiring(beans, sqlFiles);
        routeFiles.forEach(wiring::read);
        return wiring.findings();
    }

    void read(String file, String yaml) {
        LoaderOptions options = new LoaderOptions();
        Node root = new Yaml(options).compose(new StringReader(yaml));
        if (root != null) {
            walk(file, root, null);
        }
    }

    List<Finding> findings() {
        List<Finding> all = new ArrayList<>(findings);
        directProducers.forEach((endpoint, where) -> {
            if (!directConsumers.contains(endpoint)) {
                all.add(new Finding(where.file(), where.line(), "direct:" + endpoint + " is consumed by no route"));
            }
        });
        return all;
    }

    private void walk(String file, Node node, String key) {
        if (node instanceof MappingNode mapping) {
            Map<String, Node> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k) {
                    entries.put(k.getValue(), tuple.getValueNode());
                }
            }
            if (entries.get("ref") instanceof ScalarNode ref) {
                if (entries.get("method") instanceof ScalarNode method) {
                    checkMethod(file, line(ref), line(method), ref.getValue(), method.getValue());
                    String simpleProblem = simpleSyntaxProblem(method.getValue());
                    if (simpleProblem != null) {
                        findings.add(new Finding(file, line(method), simpleProblem));
                    }
                } else {
                    checkMethod(file, line(ref), line(ref), ref.getValue(), null);
                }
            }
            if ("from".equals(key) && entries.get("uri") instanceof ScalarNode uri) {
                Matcher direct = DIRECT.matcher(uri.getValue());
                if (direct.lookingAt()) {
                    directConsumers.add(direct.group(1));
                }
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String childKey = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                Node value = tuple.getValueNode();
                if ("from".equals(key) && "uri".equals(childKey)) {
                    continue;
                }
                if (BEAN_NAME_KEYS.contains(childKey) && value instanceof ScalarNode name) {
                    checkMethod(file, line(name), line(name), name.getValue(), null);
                    continue;
                }
                if (("ref".equals(childKey) || "method".equals(childKey)) && entries.get("ref") != null) {
                    continue;
                }
                walk(file, value, childKey);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> walk(file, item, key));
        } else if (node instanceof ScalarNode scalar) {
            checkText(file, scalar);
        }
    }

    private void checkText(String file, ScalarNode scalar) {
        String text = scalar.getValue();
        int line = line(scalar);
        Matcher direct = DIRECT.matcher(text);
        while (direct.find()) {
            directProducers.putIfAbsent(direct.group(1), new Finding(file, line, ""));
        }
        Matcher sql = SQL_FILE.matcher(text);
        while (sql.find()) {
            if (!sqlFiles.contains(sql.group(1))) {
                findings.add(new Finding(file, line, "SQL file " + sql.group(1) + " is not in routes/sql"));
            }
        }
        Matcher bean = SIMPLE_BEAN.matcher(text);
        while (bean.find()) {
            checkMethod(file, line, line, bean.group(1), bean.group(2));
        }
        String simpleProblem = simpleSyntaxProblem(text);
        if (simpleProblem != null) {
            findings.add(new Finding(file, line, simpleProblem));
        }
        if (CLASS_NAME.matcher(text).matches()) {
            try {
                Class.forName(text, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                findings.add(new Finding(file, line, "class " + text + " does not exist"));
            }
        }
    }

    private void checkMethod(String file, int beanLine, int line, String beanName, String call) {
        Class<?> type = beans.apply(beanName);
        if (type == null) {
            findings.add(new Finding(file, beanLine, "no bean named " + beanName));
            return;
        }
        if (call == null) {
            return;
        }
        String name = call.contains("(") ? call.substring(0, call.indexOf('(')).trim() : call.trim();
        Integer arity =
                call.contains("(") ? arguments(call.substring(call.indexOf('(') + 1, call.lastIndexOf(')'))) : null;
        List<Method> named = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name))
                .toList();
        if (named.isEmpty()) {
            findings.add(new Finding(
                    file, line, "bean " + beanName + " (" + type.getName() + ") has no public method " + name));
        } else if (arity != null && named.stream().noneMatch(m -> m.getParameterCount() == arity)) {
            findings.add(new Finding(
                    file,
                    line,
                    "bean " + beanName + " (" + type.getName() + ") has no method " + name + " taking " + arity
                            + " argument(s); it has "
                            + named.stream()
                                    .map(m -> name + "/" + m.getParameterCount())
                                    .toList()));
        }
    }

    /**
     * Why a text with {@code ${...}} is not valid Simple (an unclosed {@code ${}, a {@code ${} inside a function),
     * or null. Simple is parsed only when a route first evaluates it, so without this a route with such a text
     * loads, starts and answers every request with a 500.
     */
    static String simpleSyntaxProblem(String text) {
        if (!text.contains("${")) {
            return null;
        }
        try {
            new SimpleSyntax(text).check();
            return null;
        } catch (SimpleParserException e) {
            return "Simple expression " + text + " does not parse: " + e.getMessage() + " (at character "
                    + (e.getIndex() + 1) + ")";
        }
    }

    /** Simple's own tokenizer and parser, without creating the expression (which needs a CamelContext). */
    private static final class SimpleSyntax extends SimpleExpressionParser {
        SimpleSyntax(String text) {
            super(null, text, true, null);
        }

        void check() {
            parseTokens();
        }
    }

    /** The number of arguments in a bean call's parentheses, commas inside quotes, ${...} and (...) not counted. */
    static int arguments(String inside) {
        if (inside.isBlank()) {
            return 0;
        }
        int count = 1;
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                count++;
            }
        }
        return count;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
