package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.leadfactory.lineage.config.RedactionRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks secrets in JSON trees and text before they are stored. Two mechanisms:
 *
 * <ul>
 *   <li>object fields whose name is sensitive (compared case-insensitively, ignoring {@code -} and {@code _})
 *       have their whole value replaced by {@value #REDACTED}; a JSON null stays null, there is nothing to hide;
 *   <li>every string value is run through the {@link RedactionRule}s, in list order.
 * </ul>
 *
 * Keys, numbers and booleans are never rewritten by the rules. Every masking increments the counter {@value
 * #COUNTER} tagged with the rule name, or {@value #SENSITIVE_KEY_TAG}. A rule named {@value #CARD_NUMBER_RULE}
 * masks only matches that pass the Luhn check, which keeps order numbers and timestamps readable. Thread-safe.
 */
public class SecretRedactor {

    public static final String COUNTER = "lineage.redactions";
    public static final String SENSITIVE_KEY_TAG = "sensitive-key";
    public static final String REDACTED = "[REDACTED]";
    public static final String CARD_NUMBER_RULE = "card-number";

    /** Secrets shorter than this are not worth the regex work (and could not match the default rules anyway). */
    private static final int MIN_LENGTH_FOR_RULES = 8;

    private static final Map<String, Predicate<String>> MATCH_FILTERS =
            Map.of(CARD_NUMBER_RULE, SecretRedactor::passesLuhn);

    /**
     * Cheap necessary conditions of the default rules: most strings in a raw-input document (URLs, scores,
     * prose) fail them, so the regex scans, which dominate capture time on 200 KB documents, are skipped.
     * Each gets the text and its lower-case form (computed once per string).
     */
    private static final Map<String, BiPredicate<String, String>> PRE_FILTERS = Map.of(
            "private-key",
            (text, lower) -> text.contains("PRIVATE KEY"),
            "aws-access-key",
            (text, lower) -> text.contains("AKIA") || text.contains("ASIA"),
            "jwt",
            (text, lower) -> text.contains("eyJ"),
            "bearer-token",
            (text, lower) -> lower.contains("bearer"),
            "key-value",
            (text, lower) -> (text.indexOf('=') >= 0 || text.indexOf(':') >= 0)
                    && (lower.contains("pass")
                            || lower.contains("pwd")
                            || lower.contains("secret")
                            || lower.contains("key")
                            || lower.contains("token")),
            CARD_NUMBER_RULE,
            (text, lower) -> longestDigitRun(text) >= 13);

    private final List<CompiledRule> rules;
    private static final int MAX_REMEMBERED_NAMES = 10_000;

    private final Set<String> sensitiveKeys;
    private final Map<String, Boolean> sensitiveNames = new ConcurrentHashMap<>();
    private final Counter sensitiveKeyCounter;

    public SecretRedactor(List<RedactionRule> rules, Set<String> sensitiveKeys, MeterRegistry registry) {
        this.rules = rules.stream()
                .map(rule -> new CompiledRule(
                        Pattern.compile(rule.pattern()),
                        isDefault(rule) ? PRE_FILTERS.get(rule.name()) : null,
                        rule.replacement(),
                        MATCH_FILTERS.get(rule.name()),
                        registry.counter(COUNTER, "rule", rule.name())))
                .toList();
        this.sensitiveKeys =
                sensitiveKeys.stream().map(SecretRedactor::normaliseKey).collect(Collectors.toUnmodifiableSet());
        this.sensitiveKeyCounter = registry.counter(COUNTER, "rule", SENSITIVE_KEY_TAG);
    }

    public static List<RedactionRule> defaultRules() {
        return List.of(
                // First: the base64 body of a key block could otherwise be half-eaten by later rules.
                // A block cut off before its END line is masked to the end of the string.
                new RedactionRule(
                        "private-key",
                        "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?"
                                + "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\\z)",
                        "[REDACTED:private-key]"),
                new RedactionRule(
                        "aws-access-key",
                        "(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])",
                        "[REDACTED:aws-access-key]"),
                new RedactionRule(
                        "jwt",
                        "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*",
                        "[REDACTED:jwt]"),
                // At least 8 token characters so prose such as "Bearer of bad news" survives.
                new RedactionRule(
                        "bearer-token", "(?i)\\b(bearer)\\s+[A-Za-z0-9\\-._~+/]{8,}=*", "$1 [REDACTED:bearer-token]"),
                // The value may be quoted; values already masked by an earlier rule are left alone.
                new RedactionRule(
                        "key-value",
                        "(?i)(?<![A-Za-z0-9])(password|passwd|pwd|secret|api_key|apikey|access_token|token)"
                                + "([\"']?\\s*[=:]\\s*)(?![\"']?\\[REDACTED)(?:\"[^\"]*\"|'[^']*'|[^\\s\"'&,;}\\]]+)",
                        "$1$2[REDACTED:key-value]"),
                new RedactionRule(
                        CARD_NUMBER_RULE, "(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])", "[REDACTED:card-number]"));
    }

    public static Set<String> defaultSensitiveKeys() {
        return Set.of(
                "password",
                "passwd",
                "secret",
                "apikey",
                "accesstoken",
                "refreshtoken",
                "token",
                "authorization",
                "privatekey",
                "clientsecret");
    }

    /** Returns a redacted deep copy; the argument is not modified. */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), redactField(field.getKey(), field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(redact(element)));
            return copy;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String redacted = redactText(text);
            return redacted.equals(text) ? node : TextNode.valueOf(redacted);
        }
        // Remaining value nodes are immutable and carry no text the rules apply to.
        return node.deepCopy();
    }

    public String redactText(String text) {
        if (text == null || text.length() < MIN_LENGTH_FOR_RULES) {
            return text;
        }
        String result = text;
        String lower = text.toLowerCase(Locale.ROOT);
        for (CompiledRule rule : rules) {
            String masked = rule.apply(result, lower);
            if (!masked.equals(result)) {
                result = masked;
                lower = masked.toLowerCase(Locale.ROOT);
            }
        }
        return result;
    }

    private JsonNode redactField(String name, JsonNode value) {
        if (isSensitive(name) && !value.isNull()) {
            sensitiveKeyCounter.increment();
            return TextNode.valueOf(REDACTED);
        }
        return redact(value);
    }

    /** Field names repeat across rows, so their verdicts are remembered (up to a bound). */
    private boolean isSensitive(String name) {
        Boolean known = sensitiveNames.get(name);
        if (known != null) {
            return known;
        }
        boolean sensitive = sensitiveKeys.contains(normaliseKey(name));
        if (sensitiveNames.size() < MAX_REMEMBERED_NAMES) {
            sensitiveNames.put(name, sensitive);
        }
        return sensitive;
    }

    private static String normaliseKey(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    static boolean passesLuhn(String candidate) {
        int sum = 0;
        int digits = 0;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (digits % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    private static boolean isDefault(RedactionRule rule) {
        return defaultRules().stream()
                .anyMatch(d -> d.name().equals(rule.name()) && d.pattern().equals(rule.pattern()));
    }

    /** The most digits in one stretch of digits, spaces and dashes: a card number needs 13. */
    static int longestDigitRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                run++;
                longest = Math.max(longest, run);
            } else if (c != ' ' && c != '-') {
                run = 0;
            }
        }
        return longest;
    }

    private record CompiledRule(
            Pattern pattern,
            BiPredicate<String, String> preFilter,
            String replacement,
            Predicate<String> matchFilter,
            Counter counter) {

        String apply(String text, String lower) {
            if (preFilter != null && !preFilter.test(text, lower)) {
                return text;
            }
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            int masked = 0;
            do {
                if (matchFilter == null || matchFilter.test(matcher.group())) {
                    matcher.appendReplacement(out, replacement);
                    masked++;
                }
            } while (matcher.find());
            if (masked == 0) {
                return text;
            }
            matcher.appendTail(out);
            counter.increment(masked);
            return out.toString();
        }
    }
}
