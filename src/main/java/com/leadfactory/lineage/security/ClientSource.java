package com.leadfactory.lineage.security;

import java.util.List;

/**
 * Clients that come from somewhere other than {@code lineage.security.clients} (e.g. the zero-setup run's demo
 * clients). Every bean of this type is registered next to the configured clients, under the same checks.
 */
public interface ClientSource {

    List<SecurityProperties.Client> clients();
}
