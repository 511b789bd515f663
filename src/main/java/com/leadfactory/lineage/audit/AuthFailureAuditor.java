package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.security.AuthFailureProperties;
import com.leadfactory.lineage.security.AuthFailures;
import com.leadfactory.lineage.security.CallerResolver;
import jakarta.annotation.PostConstruct;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Failed authentications in the audit trail (action {@code authenticate}, outcome {@code denied}) without letting
 * a flood fill it: failures are added up in memory per (client IP, claimed name) and written every
 * {@code lineage.audit.auth-failures.flush-interval} as one row each, carrying the count, the first and last
 * time and the method (api_key, password) in {@code details}; attempts refused with 429 while their IP waits get a
 * row of their own, {@code "throttled": true}. What is pending is written at shutdown too, while
 * the routes still run; a row that cannot be written stays pending for the next flush. Each instance writes its
 * own rows (docs/DESIGN-NOTES.md, 'Failed authentication').
 */
@Component
public class AuthFailureAuditor implements AuthFailures.Listener, ApplicationListener<ContextClosedEvent> {

    static final int MAX_NAME = 255;
    private static final Logger log = LoggerFactory.getLogger(AuthFailureAuditor.class);

    private final ProducerTemplate producer;
    private final CallerResolver callers;
    private final AuthFailureProperties properties;
    private final Clock clock;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    /** Per address counted together ({@link AuthFailures#throttled(String)}): names pending since the last flush. */
    private final Map<String, AtomicInteger> namesPerAddress = new ConcurrentHashMap<>();

    private ScheduledExecutorService flusher;

    public AuthFailureAuditor(ProducerTemplate producer, CallerResolver callers, AuthFailureProperties properties) {
        this.producer = producer;
        this.callers = callers;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @PostConstruct
    void startFlushing() {
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "auth-failure-audit");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.getFlushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void failed(HttpServletRequest request, String method, String claimedName) {
        add(request, method, claimedName, false);
    }

    /** Attempts refused unchecked while the IP waits: their own row per (IP, claimed name), {@code throttled}. */
    @Override
    public void throttled(HttpServletRequest request, String method, String claimedName) {
        add(request, method, claimedName, true);
    }

    /**
     * One row per (IP, claimed name) would let one address write a row per attempt with a new name each time, and
     * throttled attempts are never refused: beyond {@code max-attempts} names from one address (an IPv6 /64
     * counted as one, as the throttle counts it) in one flush interval, its attempts share a row under that
     * address, without a name and with {@code "other_names": true}.
     */
    private void add(HttpServletRequest request, String method, String claimedName, boolean throttled) {
        Map<String, String> caller = callers.callerOf(request);
        String ip = caller.get(CallerHeaders.CLIENT_IP);
        Key key = new Key(ip, kept(claimedName), throttled, false);
        if (!pending.containsKey(key)) {
            String address = AuthFailures.throttled(ip);
            int names = namesPerAddress
                    .computeIfAbsent(String.valueOf(address), a -> new AtomicInteger())
                    .incrementAndGet();
            if (names > properties.getMaxAttempts()) {
                key = new Key(address, null, throttled, true);
            }
        }
        Instant now = clock.instant();
        pending.merge(
                key,
                new Pending(1, now, now, method, caller.get(CallerHeaders.USER_AGENT)),
                (before, one) -> before.add(one));
    }

    /** Writes one audit row per (IP, claimed name) with failures since the last flush; returns how many. */
    public int flush() {
        int written = 0;
        namesPerAddress.clear();
        for (Key key : new ArrayList<>(pending.keySet())) {
            Pending failures = pending.remove(key);
            if (failures == null) {
                continue;
            }
            Exchange exchange = producer.send("direct:write-audit-row", e -> {
                Map<String, Object> headers = new HashMap<>();
                headers.put(CallerHeaders.CLIENT_IP, key.ip());
                headers.put(CallerHeaders.USER_AGENT, failures.userAgent());
                headers.put(CallerHeaders.PRINCIPAL, storable(truncated(key.claimedName())));
                e.getMessage().setHeaders(headers);
                e.setProperty("auditAction", "authenticate");
                e.setProperty("auditOutcome", "denied");
                e.setProperty("auditDetails", details(key, failures));
            });
            if (exchange.getException() != null) {
                // kept for the next flush: the count is not lost while the database is away
                pending.merge(key, failures, Pending::add);
                log.error(
                        "Could not audit {} failed authentication(s) from {}; retrying at the next flush",
                        failures.count(),
                        key.ip(),
                        exchange.getException());
            } else {
                written++;
            }
        }
        return written;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("Flushing failed authentications to the audit trail failed", e);
        }
    }

    private static Map<String, Object> details(Key key, Pending failures) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("count", failures.count());
        details.put("first_at", failures.first().toString());
        details.put("last_at", failures.last().toString());
        details.put("method", failures.method());
        if (key.throttled()) {
            // refused with 429 before the credential was checked: attempts, not known to be wrong
            details.put("throttled", true);
        }
        if (key.claimedName() != null) {
            details.put("claimed_name", truncated(key.claimedName()));
            details.put("claimed_name_truncated", key.claimedName().length() > MAX_NAME);
        }
        if (key.otherNames()) {
            // attempts under further names from this address in the interval: counted, their names not kept
            details.put("other_names", true);
        }
        return details;
    }

    /**
     * The claimed name as the row's {@code user_id}. A sign-in form takes any text, NUL included, which PostgreSQL
     * cannot store in a text column: such a row failed at every flush and stayed pending for ever, an ERROR with its
     * stack trace each time, and the attempt never reached the trail. NUL becomes U+FFFD (the replacement
     * character) there; {@code details.claimed_name} is JSON text and keeps it as sent, escaped.
     */
    static String storable(String name) {
        return name == null ? null : name.replace('\u0000', '\uFFFD');
    }

    /**
     * What is remembered of a claimed name until the flush: one character more than is stored, enough to know it was
     * cut. A sign-in form's name can be as long as Tomcat's 2 MB form limit, and holding each one whole until the
     * next flush let a few addresses fill the heap.
     */
    private static String kept(String name) {
        return name == null || name.length() <= MAX_NAME + 1 ? name : name.substring(0, MAX_NAME + 1);
    }

    /** At most {@link #MAX_NAME} characters, never half of one: a surrogate pair cut in two is left out whole. */
    private static String truncated(String name) {
        if (name == null || name.length() <= MAX_NAME) {
            return name;
        }
        int end = Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
        return name.substring(0, end);
    }

    record Key(String ip, String claimedName, boolean throttled, boolean otherNames) {}

    record Pending(long count, Instant first, Instant last, String method, String userAgent) {
        Pending add(Pending other) {
            return new Pending(
                    count + other.count,
                    first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last,
                    List.of(method.split(",")).contains(other.method) ? method : method + "," + other.method,
                    other.userAgent != null ? other.userAgent : userAgent);
        }
    }
}
