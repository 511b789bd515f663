package com.leadfactory.lineage.config;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * The checks the {@code lineage.*} settings get when they are bound (each properties class is its own Spring
 * {@link org.springframework.validation.Validator}): a number, size or duration that would start a service that
 * misbehaves without a word — zero consumers, a purge of every record, a batch loop that never ends, a timer that
 * fires without pause — stops start-up instead, with Spring's report naming each such setting, its value, where it
 * was set and what it must be.
 */
final class SettingChecks {

    private SettingChecks() {}

    static void atLeast(Errors errors, String field, long value, long least) {
        if (value < least) {
            errors.rejectValue(field, "lineage.too-small", "must be at least " + least);
        }
    }

    static void between(Errors errors, String field, long value, long least, long most) {
        if (value < least || value > most) {
            errors.rejectValue(field, "lineage.out-of-range", "must be between " + least + " and " + most);
        }
    }

    /** A period, age or wait that must be more than zero. */
    static void positive(Errors errors, String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            errors.rejectValue(field, "lineage.not-positive", "must be a positive duration, e.g. 500ms, 30s, 5m");
        }
    }

    /** A wait that may be zero (do not wait) but not negative. */
    static void notNegative(Errors errors, String field, Duration value) {
        if (value == null || value.isNegative()) {
            errors.rejectValue(field, "lineage.negative", "must be zero or a positive duration, e.g. 0s, 10s");
        }
    }

    static void positive(Errors errors, String field, DataSize value) {
        if (value == null || value.toBytes() <= 0) {
            errors.rejectValue(field, "lineage.not-positive", "must be a positive size, e.g. 512KB, 16MB");
        }
    }

    static void notBlank(Errors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "lineage.blank", "must not be empty");
        }
    }
}
