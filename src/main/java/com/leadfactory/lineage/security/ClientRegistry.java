package com.leadfactory.lineage.security;

import com.leadfactory.lineage.caller.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The configured clients, checked once at start-up (a bad configuration stops the service with a message
 * naming the client). API keys are held only as SHA-256 digests and looked up by digest, so a lookup neither
 * keeps the plain key in memory nor leaks its prefix through timing.
 */
public class ClientRegistry implements UserDetailsService {

    public record ApiClient(String name, List<GrantedAuthority> authorities) {}

    private final Map<String, ApiClient> clientsByKeyDigest = new HashMap<>();
    private final Map<String, UserDetails> people = new HashMap<>();

    public ClientRegistry(List<SecurityProperties.Client> clients) {
        for (SecurityProperties.Client client : clients) {
            register(client);
        }
    }

    private void register(SecurityProperties.Client client) {
        String name = client.getName();
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("lineage.security.clients: every client needs a name");
        }
        if (clientsByKeyDigest.values().stream().anyMatch(c -> c.name().equals(name)) || people.containsKey(name)) {
            throw new IllegalStateException("lineage.security.clients: client '" + name + "' is configured twice");
        }
        boolean hasKey = client.getApiKey() != null && !client.getApiKey().isBlank();
        boolean hasPassword =
                client.getPassword() != null && !client.getPassword().isBlank();
        if (!hasKey && !hasPassword) {
            throw new IllegalStateException(
                    "lineage.security.clients: client '" + name + "' has neither api-key nor password");
        }
        if (client.getRoles() == null || client.getRoles().isEmpty()) {
            throw new IllegalStateException("lineage.security.clients: client '" + name + "' has no roles");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : client.getRoles()) {
            try {
                authorities.add(new SimpleGrantedAuthority(Role.parse(role).authority()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("lineage.security.clients: client '" + name + "': " + e.getMessage());
            }
        }
        if (hasKey) {
            if (client.getApiKey().length() < 16) {
                throw new IllegalStateException(
                        "lineage.security.clients: client '" + name + "' has an api-key shorter than 16 characters");
            }
            ApiClient previous =
                    clientsByKeyDigest.putIfAbsent(digest(client.getApiKey()), new ApiClient(name, authorities));
            if (previous != null) {
                throw new IllegalStateException(
                        "lineage.security.clients: '" + name + "' and '" + previous.name() + "' share an api-key");
            }
        }
        if (hasPassword) {
            people.put(
                    name,
                    User.withUsername(name)
                            .password(client.getPassword())
                            .authorities(authorities)
                            .build());
        }
    }

    public Optional<ApiClient> findByApiKey(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(clientsByKeyDigest.get(digest(apiKey)));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = people.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such client");
        }
        return User.withUserDetails(user).build();
    }

    public boolean isEmpty() {
        return clientsByKeyDigest.isEmpty() && people.isEmpty();
    }

    private static String digest(String apiKey) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
