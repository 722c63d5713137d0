package dev.isla.clients;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.launcher.InstanceState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a program using the Azure SDK for Java reaches one Isla instance, built only from what the
 * instance publishes ({@code isla.json}): an {@link AzureEnvironment} whose ARM and login
 * endpoints are Isla's HTTPS listener, a {@code ClientSecretCredential} for the built-in service
 * principal with Isla as its authority host, and an HTTP client trusting Isla's PKCS12
 * truststore (explicitly, so the test JVM's default trust is left alone). docs/CLIENTS.md shows
 * the same set-up for users.
 *
 * @param http the SDK HTTP client (JDK {@code java.net.http}) trusting Isla's CA
 * @param credential the built-in principal's client-secret credential
 * @param profile tenant, subscription and Isla's endpoints
 */
record SdkConnection(HttpClient http, TokenCredential credential, AzureProfile profile) {

  /** The truststore's password (docs/CLIENTS.md). */
  private static final char[] TRUSTSTORE_PASSWORD = "changeit".toCharArray();

  static SdkConnection to(InstanceState state) throws IOException, GeneralSecurityException {
    HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
        .sslContext(trusting(Path.of(state.truststore()))))
        .connectionTimeout(Duration.ofSeconds(5))
        .build();
    JsonNode sp = Json.parse(Files.readString(Path.of(state.credentials())));
    String https = state.armHttpsUrl();
    TokenCredential credential = new ClientSecretCredentialBuilder()
        .tenantId(sp.path("tenantId").asText())
        .clientId(sp.path("clientId").asText())
        .clientSecret(sp.path("clientSecret").asText())
        .authorityHost(https)
        .disableInstanceDiscovery()
        .httpClient(http)
        .build();
    AzureProfile profile = new AzureProfile(state.tenantId(), state.subscriptionId(),
        environment(https));
    return new SdkConnection(http, credential, profile);
  }

  /**
   * Azure's public-cloud endpoint map with ARM and login pointed at Isla. The token scope the
   * ARM pipeline asks for is {@code managementEndpointUrl + "/.default"}.
   */
  private static AzureEnvironment environment(String https) {
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", https + "/");
    endpoints.put("managementEndpointUrl", https + "/");
    endpoints.put("activeDirectoryEndpointUrl", https + "/");
    endpoints.put("activeDirectoryResourceId", https + "/");
    endpoints.put("microsoftGraphResourceId", https + "/");
    return new AzureEnvironment(endpoints);
  }

  private static SSLContext trusting(Path truststore) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(truststore)) {
      store.load(in, TRUSTSTORE_PASSWORD);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
