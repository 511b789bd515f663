package com.leadfactory.lineage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.security.AuthFailureProperties;
import com.leadfactory.lineage.security.AuthFailures;
import com.leadfactory.lineage.security.CallerResolver;
import com.leadfactory.lineage.security.ClientAddressResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.hierarchicalroles.NullRoleHierarchy;

class AuthFailureAuditorTest {

    private final List<Exchange> written = new ArrayList<>();
    private final AtomicBoolean databaseDown = new AtomicBoolean();

    private AuthFailureAuditor auditor() {
        ProducerTemplate producer = mock(ProducerTemplate.class);
        DefaultCamelContext camel = new DefaultCamelContext();
        when(producer.send(eq("direct:write-audit-row"), any(Processor.class))).thenAnswer(invocation -> {
            Exchange exchange = new DefaultExchange(camel);
            invocation.getArgument(1, Processor.class).process(exchange);
            if (databaseDown.get()) {
                exchange.setException(new IllegalStateException("database away"));
            } else {
                written.add(exchange);
            }
            return exchange;
        });
        return new AuthFailureAuditor(
                producer,
                new CallerResolver(new ClientAddressResolver(List.of()), new NullRoleHierarchy()),
                new AuthFailureProperties());
    }

    private static MockHttpServletRequest from(String ip, String agent) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(ip);
        request.addHeader("User-Agent", agent);
        return request;
    }

    @Test
    void oneRowPerAddressAndNameCarriesTheCountAndSurvivesAnOutage() {
        AuthFailureAuditor auditor = auditor();
        auditor.failed(from("198.51.100.7", "a/1"), AuthFailures.PASSWORD, "eve");
        auditor.failed(from("198.51.100.7", "a/2"), AuthFailures.PASSWORD, "eve");
        auditor.failed(from("198.51.100.7", "a/2"), AuthFailures.API_KEY, "eve");
        auditor.failed(from("198.51.100.7", "a/3"), AuthFailures.API_KEY, null);
        auditor.failed(from("203.0.113.1", "b/1"), AuthFailures.PASSWORD, "x".repeat(300));

        databaseDown.set(true);
        assertThat(auditor.flush())
                .as("nothing written while the database is away")
                .isZero();
        auditor.failed(from("198.51.100.7", "a/4"), AuthFailures.PASSWORD, "eve");
        databaseDown.set(false);
        assertThat(auditor.flush()).isEqualTo(3);

        Exchange eve = written.stream()
                .filter(e -> "eve".equals(e.getMessage().getHeader(CallerHeaders.PRINCIPAL)))
                .findFirst()
                .orElseThrow();
        assertThat(eve.getProperty("auditAction")).isEqualTo("authenticate");
        assertThat(eve.getProperty("auditOutcome")).isEqualTo("denied");
        assertThat(eve.getMessage().getHeader(CallerHeaders.CLIENT_IP)).isEqualTo("198.51.100.7");
        assertThat(eve.getMessage().getHeader(CallerHeaders.USER_AGENT)).isEqualTo("a/4");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = eve.getProperty("auditDetails", Map.class);
        assertThat(details).containsEntry("count", 4L).containsEntry("method", "password,api_key");
        Exchange anonymous = written.stream()
                .filter(e -> e.getMessage().getHeader(CallerHeaders.PRINCIPAL) == null)
                .findFirst()
                .orElseThrow();
        assertThat(anonymous.getProperty("auditDetails", Map.class)).doesNotContainKey("claimed_name");
        Exchange longName = written.stream()
                .filter(e -> "203.0.113.1".equals(e.getMessage().getHeader(CallerHeaders.CLIENT_IP)))
                .findFirst()
                .orElseThrow();
        assertThat((String) longName.getMessage().getHeader(CallerHeaders.PRINCIPAL))
                .hasSize(255);
        assertThat(longName.getProperty("auditDetails", Map.class)).containsEntry("claimed_name_truncated", true);

        auditor.failed(from("198.51.100.7", "a/5"), AuthFailures.API_KEY, null);
        auditor.onApplicationEvent(null);
        assertThat(written).as("shutdown writes what is pending").hasSize(4);
    }

    @Test
    void aLongClaimedNameIsRememberedOnlyAsFarAsItIsStored() {
        AuthFailureAuditor auditor = auditor();
        String prefix = "n".repeat(300);
        // two names that differ only beyond what is stored are one row: neither is held whole until the flush
        auditor.failed(from("198.51.100.9", "c/1"), AuthFailures.PASSWORD, prefix + "a".repeat(1_000_000));
        auditor.failed(from("198.51.100.9", "c/1"), AuthFailures.PASSWORD, prefix + "b".repeat(1_000_000));

        assertThat(auditor.flush()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = written.get(0).getProperty("auditDetails", Map.class);
        assertThat(details).containsEntry("count", 2L).containsEntry("claimed_name_truncated", true);
        assertThat((String) details.get("claimed_name")).isEqualTo(prefix.substring(0, 255));
    }

    /** Cut where it is stored, a name must not end in half a character: PostgreSQL stored it as '?', H2 kept it. */
    @Test
    void aNameCutAtItsLimitKeepsWholeCharacters() {
        AuthFailureAuditor auditor = auditor();
        String name = "s".repeat(254) + "\uD83D\uDE00" + "tail";
        auditor.failed(from("198.51.100.10", "d/1"), AuthFailures.PASSWORD, name);

        assertThat(auditor.flush()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = written.get(0).getProperty("auditDetails", Map.class);
        assertThat(details)
                .containsEntry("claimed_name", "s".repeat(254))
                .containsEntry("claimed_name_truncated", true);
        assertThat(written.get(0).getMessage().getHeader(CallerHeaders.PRINCIPAL))
                .isEqualTo("s".repeat(254));
    }

    /**
     * Attempts refused with 429 are never refused the audit: a new name with each one from one address wrote a
     * row each, 19,000 rows in 15 s from one client. Beyond max-attempts names an address shares one row.
     */
    @Test
    void anAddressTryingEverMoreNamesFillsAtMostMaxAttemptsRowsAndOneMore() {
        AuthFailureAuditor auditor = auditor();
        int max = new AuthFailureProperties().getMaxAttempts();
        for (int i = 0; i < max + 30; i++) {
            auditor.throttled(from("198.51.100.11", "e/1"), AuthFailures.PASSWORD, "name-" + i);
        }
        for (int i = 0; i < max + 30; i++) {
            // a fresh address of one /64 for each name: the throttle counts them as one client, so does this
            auditor.throttled(
                    from("2001:db8:0:7::" + Integer.toHexString(i + 1), "e/2"), AuthFailures.PASSWORD, "v6-" + i);
        }

        assertThat(auditor.flush()).isEqualTo(2 * (max + 1));
        List<Exchange> others = written.stream()
                .filter(e -> e.getProperty("auditDetails", Map.class).containsKey("other_names"))
                .toList();
        assertThat(others)
                .extracting(e -> e.getMessage().getHeader(CallerHeaders.CLIENT_IP))
                .containsExactlyInAnyOrder("198.51.100.11", "2001:db8:0:7::/64");
        assertThat(others).allSatisfy(e -> {
            assertThat(e.getMessage().getHeader(CallerHeaders.PRINCIPAL)).isNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> details = e.getProperty("auditDetails", Map.class);
            assertThat(details)
                    .containsEntry("count", 30L)
                    .containsEntry("throttled", true)
                    .containsEntry("other_names", true)
                    .doesNotContainKey("claimed_name");
        });

        written.clear();
        auditor.throttled(from("198.51.100.11", "e/1"), AuthFailures.PASSWORD, "after-the-flush");
        assertThat(auditor.flush()).isEqualTo(1);
        assertThat(written.get(0).getMessage().getHeader(CallerHeaders.PRINCIPAL))
                .isEqualTo("after-the-flush");
    }
}
