package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

class ClientRegistryTest {

    private static SecurityProperties.Client client(String name, String key, String password, String... roles) {
        return new SecurityProperties.Client(name, key, password, List.of(roles));
    }

    @Test
    void findsApiClientsByKeyAndPeopleByName() {
        ClientRegistry registry = new ClientRegistry(List.of(
                client("pipeline", "pipeline-key-0123456789", null, "ingest"),
                client("alice", null, "{noop}secret", "viewer", "AUDITOR")));

        assertThat(registry.findByApiKey("pipeline-key-0123456789"))
                .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("pipeline"));
        assertThat(registry.findByApiKey("pipeline-key-0123456780")).isEmpty();
        assertThat(registry.findByApiKey("")).isEmpty();
        assertThat(registry.findByApiKey(null)).isEmpty();
        assertThat(registry.loadUserByUsername("alice").getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_viewer", "ROLE_auditor");
        assertThatThrownBy(() -> registry.loadUserByUsername("mallory")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(registry.isEmpty()).isFalse();
        assertThat(new ClientRegistry(List.of()).isEmpty()).isTrue();
    }

    @Test
    void refusesConfigurationsThatWouldSurpriseAnOperator() {
        assertThatThrownBy(() -> new ClientRegistry(List.of(client(" ", "k".repeat(20), null, "viewer"))))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new ClientRegistry(List.of(client("a", null, null, "viewer"))))
                .hasMessageContaining("neither api-key nor password");
        assertThatThrownBy(() -> new ClientRegistry(List.of(client("a", "k".repeat(20), null))))
                .hasMessageContaining("no roles");
        assertThatThrownBy(() -> new ClientRegistry(List.of(client("a", "k".repeat(20), null, "superuser"))))
                .hasMessageContaining("unknown role 'superuser'");
        assertThatThrownBy(() -> new ClientRegistry(List.of(client("a", "short", null, "viewer"))))
                .hasMessageContaining("shorter than 16");
        assertThatThrownBy(() -> new ClientRegistry(List.of(
                        client("a", "k".repeat(20), null, "viewer"), client("a", "j".repeat(20), null, "viewer"))))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> new ClientRegistry(List.of(
                        client("a", "k".repeat(20), null, "viewer"), client("b", "k".repeat(20), null, "viewer"))))
                .hasMessageContaining("share an api-key");
    }
}
