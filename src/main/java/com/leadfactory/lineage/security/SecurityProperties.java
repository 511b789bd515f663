package com.leadfactory.lineage.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lineage.security.*}: the clients that may call, and the proxies whose X-Forwarded-For is believed. */
@ConfigurationProperties("lineage.security")
public class SecurityProperties {

    private List<Client> clients = new ArrayList<>();
    private List<String> trustedProxies = new ArrayList<>();

    public List<Client> getClients() {
        return clients;
    }

    public void setClients(List<Client> clients) {
        this.clients = clients;
    }

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** One caller: an API client (api-key), a person (password), or both. The name is the audit user_id. */
    public static class Client {
        private String name;
        private String apiKey;
        private String password;
        private List<String> roles = new ArrayList<>();

        public Client() {}

        public Client(String name, String apiKey, String password, List<String> roles) {
            this.name = name;
            this.apiKey = apiKey;
            this.password = password;
            this.roles = roles;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }
}
