package com.leadfactory.lineage.security;

import java.util.Locale;

/** The four roles of DESIGN §6. {@code admin} holds every other; {@code auditor} holds {@code viewer}. */
public enum Role {
    INGEST,
    VIEWER,
    AUDITOR,
    ADMIN;

    public String authority() {
        return "ROLE_" + name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        try {
            return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown role '" + value + "': expected one of ingest, viewer, auditor, admin");
        }
    }
}
