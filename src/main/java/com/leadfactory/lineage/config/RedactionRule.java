package com.leadfactory.lineage.config;

import java.util.Objects;

/**
 * A named masking rule. {@code pattern} is a Java regex; {@code replacement} uses {@link
 * java.util.regex.Matcher#appendReplacement} syntax, so {@code $1} keeps a captured group (e.g. the key of a
 * {@code password=...} pair). Plain strings on purpose, so rules can be bound from configuration.
 */
public record RedactionRule(String name, String pattern, String replacement) {

    public RedactionRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(replacement, "replacement");
    }
}
