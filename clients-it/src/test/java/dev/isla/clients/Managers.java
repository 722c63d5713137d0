package dev.isla.clients;

import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.msi.MsiManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.privatedns.PrivateDnsZoneManager;
import com.azure.resourcemanager.resources.ResourceManager;

/**
 * One SDK manager per resource provider the seed touches, each configured the way a user would:
 * {@code configure().withHttpClient(...).authenticate(credential, profile)} — the SDK's default
 * pipeline (retry, bearer challenge, provider registration) plus a recording policy.
 */
record Managers(ResourceManager resources, MsiManager msi, NetworkManager network,
    ContainerRegistryManager registry, PrivateDnsZoneManager dns,
    AuthorizationManager authorization, ContainerServiceManager containerService) {

  static Managers of(SdkConnection c, Exchanges recorder) {
    return new Managers(
        ResourceManager.configure().withHttpClient(c.http()).withPolicy(recorder)
            .authenticate(c.credential(), c.profile()).withDefaultSubscription(),
        MsiManager.configure().withHttpClient(c.http()).withPolicy(recorder)
            .authenticate(c.credential(), c.profile()),
        NetworkManager.configure().withHttpClient(c.http()).withPolicy(recorder)
            .authenticate(c.credential(), c.profile()),
        ContainerRegistryManager.configure().withHttpClient(c.http()).withPolicy(recorder)
            .authenticate(c.credential(), c.profile()),
        PrivateDnsZoneManager.configure().withHttpClient(c.http()).withPolicy(recorder)
            .authenticate(c.credential(), c.profile()),
        AuthorizationManager.configure().withHttpClient(c.http()).withPolicy(recorder)
            .authenticate(c.credential(), c.profile()),
        ContainerServiceManager.configure().withHttpClient(c.http()).withPolicy(recorder)
            .authenticate(c.credential(), c.profile()));
  }
}
