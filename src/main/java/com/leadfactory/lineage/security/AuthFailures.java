package com.leadfactory.lineage.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed authentications: counted ({@code lineage_auth_failures_total{method}}), handed to the audit
 * ({@link Listener}), and remembered per client IP for {@code window} so that the {@code max-attempts}-th
 * failure within it makes that IP wait (429, see {@link AuthFailureThrottleFilter}). In memory and per instance:
 * behind a load balancer with n instances an IP gets at most n × max-attempts tries a window
 * (docs/DESIGN-NOTES.md, 'Failed authentication').
 */
public class AuthFailures {

    public static final String API_KEY = "api_key";
    public static final String PASSWORD = "password";
    /** Above this many remembered IPs, expired ones are dropped before a new one is added. */
    static final int MAX_TRACKED = 100_000;

    private static final Logger log = LoggerFactory.getLogger(AuthFailures.class);

    private final AuthFailureProperties properties;
    private final ClientAddressResolver addresses;
    private final Listener listener;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public AuthFailures(
            AuthFailureProperties properties,
            ClientAddressResolver addresses,
            Listener listener,
            MeterRegistry registry,
            Clock clock) {
        this.properties = properties;
        this.addresses = addresses;
        this.listener = listener;
        this.registry = registry;
        this.clock = clock;
        // both series exist from the start at 0, so an alert on their increase sees the first failure
        counter(API_KEY);
        counter(PASSWORD);
        throttledCounter(API_KEY);
        throttledCounter(PASSWORD);
    }

    private Counter throttledCounter(String method) {
        return Counter.builder("lineage.auth.throttled")
                .description("authentication attempts refused with 429 unchecked, from an IP that failed too often")
                .tag("method", method)
                .register(registry);
    }

    /**
     * An attempt answered 429 without its credential being checked: counted ({@code lineage_auth_throttled_total})
     * and handed to the audit, so that guessing that goes on through the wait stays on record.
     */
    public void throttled(HttpServletRequest request, String method, String claimedName) {
        throttledCounter(method).increment();
        listener.throttled(request, method, claimedName);
    }

    private Counter counter(String method) {
        return Counter.builder("lineage.auth.failures")
                .description("failed authentications: unknown API keys and wrong passwords")
                .tag("method", method)
                .register(registry);
    }

    /** One failed authentication by {@code method} ({@link #API_KEY}, {@link #PASSWORD}); name if one was claimed. */
    public void failed(HttpServletRequest request, String method, String claimedName) {
        String ip = throttled(addresses.resolve(request));
        counter(method).increment();
        Instant now = clock.instant();
        if (recent.size() >= MAX_TRACKED) {
            recent.keySet().forEach(key -> recent.computeIfPresent(key, (k, times) -> prune(times, now)));
        }
        int count = recent.compute(ip, (k, times) -> {
                    Deque<Instant> kept = times == null ? new ArrayDeque<>() : prune(times, now);
                    Deque<Instant> result = kept == null ? new ArrayDeque<>() : kept;
                    result.addLast(now);
                    return result;
                })
                .size();
        if (count == properties.getMaxAttempts()) {
            log.warn(
                    "{} failed authentications from {} within {}: its attempts get 429 until {}. Someone may be"
                            + " guessing API keys or passwords; the audit trail has the rows (action authenticate).",
                    count,
                    ip,
                    properties.getWindow(),
                    now.plus(properties.getWindow()));
        }
        listener.failed(request, method, claimedName);
    }

    /** How long the request's IP must wait before it may try again, if it has failed too often. */
    public Optional<Duration> retryAfter(HttpServletRequest request) {
        String ip = throttled(addresses.resolve(request));
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        recent.computeIfPresent(ip, (k, times) -> {
            Deque<Instant> kept = prune(times, now);
            if (kept != null && kept.size() >= properties.getMaxAttempts()) {
                // the IP may try again once enough of its failures have left the window
                Instant frees = kept.toArray(Instant[]::new)[kept.size() - properties.getMaxAttempts()].plus(
                        properties.getWindow());
                wait[0] = Duration.between(now, frees);
            }
            return kept;
        });
        return Optional.ofNullable(wait[0]);
    }

    /**
     * What failures are counted under: the address itself for IPv4, its /64 network for IPv6 — one client usually
     * holds a whole /64 and could otherwise take a fresh address for every guess. An IPv4-mapped IPv6 address
     * counts as its IPv4 address; anything that does not parse counts as itself.
     */
    public static String throttled(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip;
        }
        String literal = ip.replaceFirst("^\\[(.*)]$", "$1").replaceFirst("%.*$", "");
        byte[] address;
        try {
            // in brackets the JDK parses an IPv6 literal and never asks DNS
            address = InetAddress.getByName("[" + literal + "]").getAddress();
        } catch (UnknownHostException notAnAddress) {
            return ip;
        }
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "."
                    + (address[3] & 0xFF);
        }
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString((address[i] & 0xFF) << 8 | address[i + 1] & 0xFF))
                    .append(':');
        }
        return network.append(":/64").toString();
    }

    /** The failures still inside the window; null (the IP is forgotten) when none is. Called inside compute. */
    private Deque<Instant> prune(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(properties.getWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
        return times.isEmpty() ? null : times;
    }

    /** The audit's side: records the failure (aggregated, see audit.AuthFailureAuditor). */
    public interface Listener {
        void failed(HttpServletRequest request, String method, String claimedName);

        /** An attempt refused unchecked while its IP waits (429). */
        default void throttled(HttpServletRequest request, String method, String claimedName) {}

        Listener NONE = (request, method, claimedName) -> {};
    }
}
