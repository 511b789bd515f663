package com.leadfactory.lineage.caller;

/**
 * Internal request headers that carry the authenticated caller into the Camel routes. The platform-http
 * consumer runs routes on its own executor, where Spring Security's thread-bound context is not visible, so
 * {@link com.leadfactory.lineage.security.CallerHeadersFilter} copies what the routes need into headers
 * (and strips any a client sent with the same names).
 */
public final class CallerHeaders {

    public static final String PREFIX = "X-Lineage-";
    public static final String PRINCIPAL = PREFIX + "Principal";
    public static final String ROLES = PREFIX + "Roles";
    public static final String CLIENT_IP = PREFIX + "Client-Ip";
    public static final String USER_AGENT = PREFIX + "User-Agent";
    public static final String REQUEST_ID = PREFIX + "Request-Id";
    /** The stated purpose of the access ({@link AccessPurpose}), present only when it is valid. */
    public static final String PURPOSE = PREFIX + "Purpose";

    private CallerHeaders() {}
}
