package com.leadfactory.lineage.config;

import java.time.Duration;
import java.util.Collection;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

/**
 * A {@code lineage.*} duration written as a bare number stops start-up. Spring reads {@code interval: 60} as 60
 * milliseconds: an operator who meant a minute gets a timer that fires sixteen times a second, or a retry without
 * a pause, and nothing says so. Zero needs no unit and stays accepted.
 */
@Configuration(proxyBeanMethods = false)
public class DurationUnits {

    static final ConfigurationPropertyName LINEAGE = ConfigurationPropertyName.of("lineage");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?\\d+\\s*");
    private static final Pattern ZERO = Pattern.compile("\\s*[+-]?0+\\s*");

    @Bean
    static ConfigurationPropertiesBindHandlerAdvisor lineageDurationsNeedAUnit() {
        return parent -> new AbstractBindHandler(parent) {
            @Override
            public Object onSuccess(
                    ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                if (LINEAGE.isAncestorOf(name) && holdsDurations(target.getType())) {
                    ConfigurationProperty property = context.getConfigurationProperty();
                    if (property != null && property.getValue() instanceof CharSequence text) {
                        refuseBareNumbers(text.toString());
                    }
                }
                return super.onSuccess(name, target, context, result);
            }
        };
    }

    static boolean holdsDurations(ResolvableType type) {
        Class<?> raw = type.resolve(Object.class);
        if (Duration.class.equals(raw)) {
            return true;
        }
        return Collection.class.isAssignableFrom(raw)
                && Duration.class.equals(type.asCollection().resolveGeneric(0));
    }

    /** Throws for a bare number other than zero, alone or in a comma-separated list. */
    static void refuseBareNumbers(String text) {
        for (String element : text.split(",", -1)) {
            if (BARE_NUMBER.matcher(element).matches() && !ZERO.matcher(element).matches()) {
                throw new IllegalArgumentException("'" + element.trim()
                        + "' has no unit, and a number without a unit is read as milliseconds: write the unit,"
                        + " e.g. 500ms, 30s, 5m, 1h, 7d");
            }
        }
    }
}
