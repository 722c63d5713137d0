package dev.isla.controlplane.rp.containerregistry;

import dev.isla.arm.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * A container registry as the registry data plane needs it: what to serve under which host
 * names and who may reach it. Read from the control plane's store by {@link Registries}.
 *
 * @param id the registry's ARM id (scope of its role assignments)
 * @param name the name as created, e.g. {@code myAcr}
 * @param loginServer lower-cased {@code <name>.azurecr.io}
 * @param dataEndpointHostNames {@code <name>.<location>.data.azurecr.io} once dedicated data
 *     endpoints are on (explicitly, or because a private endpoint connected); else empty
 * @param location the registry's region, e.g. {@code eastus}
 * @param sku {@code Basic}, {@code Standard} or {@code Premium}
 * @param publicNetworkAccess {@code Enabled} or {@code Disabled}
 * @param anonymousPullEnabled true when unauthenticated clients may pull
 * @param privateEndpointIds ids of the {@code Microsoft.Network/privateEndpoints} connected to it
 */
public record Registry(
    ResourceId id,
    String name,
    String loginServer,
    List<String> dataEndpointHostNames,
    String location,
    RegistrySku sku,
    String publicNetworkAccess,
    boolean anonymousPullEnabled,
    List<ResourceId> privateEndpointIds) {

  public Registry {
    Objects.requireNonNull(id);
    Objects.requireNonNull(name);
    Objects.requireNonNull(loginServer);
    dataEndpointHostNames = List.copyOf(dataEndpointHostNames);
    Objects.requireNonNull(location);
    Objects.requireNonNull(sku);
    Objects.requireNonNull(publicNetworkAccess);
    privateEndpointIds = List.copyOf(privateEndpointIds);
  }

  /** True when clients outside its private endpoints may reach it. */
  public boolean isPublic() {
    return publicNetworkAccess.equals("Enabled");
  }

  /** True when {@code host} (case-insensitive) is its login server or one of its data endpoints. */
  public boolean serves(String host) {
    return loginServer.equalsIgnoreCase(host)
        || dataEndpointHostNames.stream().anyMatch(h -> h.equalsIgnoreCase(host));
  }
}
