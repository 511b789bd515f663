package com.leadfactory.lineage.caller;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles a client can hold (docs/ARCHITECTURE.md, 'Roles'). {@code admin} holds every other role; {@code
 * auditor} holds {@code viewer}. The wire name ({@link #value}) is what configuration, {@code /api/me} and Spring
 * Security's authorities use.
 */
public enum Role {
    INGEST("ingest"),
    VIEWER("viewer"),
    AUDITOR("auditor"),
    /** Other systems that write audit rows for accesses that happened there. */
    AUDIT_WRITER("audit-writer"),
    ADMIN("admin");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public String authority() {
        return "ROLE_" + value;
    }

    /** The roles this one holds besides itself. */
    public Set<Role> holds() {
        return switch (this) {
            case ADMIN -> EnumSet.complementOf(EnumSet.of(ADMIN));
            case AUDITOR -> EnumSet.of(VIEWER);
            default -> EnumSet.noneOf(Role.class);
        };
    }

    public static Role parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(role -> role.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + value + "': expected one of "
                        + Arrays.stream(values()).map(Role::value).collect(Collectors.joining(", "))));
    }
}
