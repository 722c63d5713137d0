package dev.isla.launcher;

import static dev.isla.launcher.AccessWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.rp.authorization.BuiltInRoles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what, as Azure answers it: every principal of {@link #TABLE} tries every
 * {@link Op} against a registry, from a node through the fabric (registry operations) and over
 * ARM's HTTPS listener (ARM read and write of the registry resource). The table is the
 * documentation: docs/RELIABILITY.md ("Access control") holds it verbatim, and
 * {@link #theDocumentedMatrixIsThisTable} keeps the two equal. After every refusal, nothing
 * stored changed.
 */
class AccessMatrixIT {

  /** The operations, as the table's columns name them. */
  enum Op {
    PULL("pull (manifest + blob)"), PUSH("push (upload + manifest PUT)"), DELETE("delete (manifest)"),
    CATALOG("catalog"), TAGS("tag list"), ARM_READ("ARM read (GET)"), ARM_WRITE("ARM write (PATCH)");

    final String column;

    Op(String column) {
      this.column = column;
    }
  }

  /** How the principal authenticates: none, its own valid tokens, or a flawed token of Owner's. */
  enum Credential { NONE, ROLE, EXPIRED, FOREIGN_KEY, OTHER_AUDIENCE }

  /** One principal (a row) and what Azure answers it for each {@link Op}, in order. */
  record Row(String principal, String identity, Credential credential, String registry,
      boolean privateEndpoint, List<String> expected) {

    @Override
    public String toString() {
      return principal;
    }
  }

  private static final String R401 = "401 UNAUTHORIZED";
  private static final String ARM403 = "403 AuthorizationFailed";

  static final List<Row> TABLE = List.of(
      row("anonymous", null, Credential.NONE, "matrixacr", false,
          R401, R401, R401, R401, R401, "401 AuthenticationFailed", "401 AuthenticationFailed"),
      row("AcrPull on the registry", "pull", Credential.ROLE, "matrixacr", false,
          "200", R401, R401, "200", "200", ARM403, ARM403),
      row("AcrPull on the registry's resource group", "rgpull", Credential.ROLE, "matrixacr", false,
          "200", R401, R401, "200", "200", ARM403, ARM403),
      row("AcrPush on the registry", "push", Credential.ROLE, "matrixacr", false,
          "200", "201", R401, "200", "200", ARM403, ARM403),
      row("AcrDelete on the registry", "delete", Credential.ROLE, "matrixacr", false,
          R401, R401, "202", R401, R401, ARM403, ARM403),
      row("Reader on the registry", "reader", Credential.ROLE, "matrixacr", false,
          "200", R401, R401, "200", "200", "200", ARM403),
      row("Contributor on the registry", "contributor", Credential.ROLE, "matrixacr", false,
          "200", "201", "202", "200", "200", "200", "200"),
      row("Owner on the registry", "owner", Credential.ROLE, "matrixacr", false,
          "200", "201", "202", "200", "200", "200", "200"),
      row("no role", "norole", Credential.ROLE, "matrixacr", false,
          R401, R401, R401, R401, R401, ARM403, ARM403),
      row("AcrPush on another registry only", "elsewhere", Credential.ROLE, "matrixacr", false,
          R401, R401, R401, R401, R401, ARM403, ARM403),
      row("Owner, expired token", "owner", Credential.EXPIRED, "matrixacr", false,
          R401, R401, R401, R401, R401, "401 ExpiredAuthenticationToken", "401 ExpiredAuthenticationToken"),
      row("Owner, token signed by another key", "owner", Credential.FOREIGN_KEY, "matrixacr", false,
          R401, R401, R401, R401, R401, "401 InvalidAuthenticationToken", "401 InvalidAuthenticationToken"),
      row("Owner, token for another audience", "owner", Credential.OTHER_AUDIENCE, "matrixacr", false,
          R401, R401, R401, R401, R401, "401 InvalidAuthenticationTokenAudience",
          "401 InvalidAuthenticationTokenAudience"),
      row("anonymous, anonymous pull enabled", null, Credential.NONE, "anonacr", false,
          "200", R401, R401, "200", "200", "401 AuthenticationFailed", "401 AuthenticationFailed"),
      row("Owner, public network access disabled, over the internet", "owner", Credential.ROLE,
          "closedacr", false, "403 DENIED", "403 DENIED", "403 DENIED", "403 DENIED", "403 DENIED", "200", "200"),
      row("Owner, public network access disabled, through its private endpoint", "owner",
          Credential.ROLE, "closedacr", true, "200", "201", "202", "200", "200", "200", "200"));

  @TempDir static Path data;
  private static AccessWorld world;
  private static AccessClient client;
  private static AccessCredentials credentials;
  private static final AtomicInteger CELLS = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    world = new AccessWorld(data);
    world.populate();
    client = new AccessClient(world);
    credentials = new AccessCredentials(world);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  private static Row row(String principal, String identity, Credential credential, String registry,
      boolean privateEndpoint, String... expected) {
    return new Row(principal, identity, credential, registry, privateEndpoint, List.of(expected));
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Row row : TABLE) {
      for (Op op : Op.values()) {
        cells.add(Arguments.of(row, op, row.expected().get(op.ordinal())));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} × {1} → {2}")
  @MethodSource("cells")
  void everyCellIsAnsweredAsAzureDoes(Row row, Op op, String expected) throws Exception {
    String repo = "cell" + CELLS.incrementAndGet();
    String login = row.registry() + ".azurecr.io";
    byte[] layer = utf8("layer of " + repo);
    AccessClient.Connections operator = world::fromHost;
    assertThat(AccessClient.push(operator, login, repo, Optional.empty(), layer, "v1")).isEqualTo("201");
    String actual = switch (op) {
      case ARM_READ -> client.arm("GET", world.registryId(row.registry()).toString(), armToken(row), "")[0];
      case ARM_WRITE -> client.arm("PATCH", world.registryId(row.registry()).toString(), armToken(row),
          "{\"tags\":{\"cell\":\"" + repo + "\"}}")[0];
      default -> registryOperation(row, op, repo, login, layer);
    };
    assertThat(actual).as("%s × %s", row.principal(), op.column).isEqualTo(expected);
    if (actual.startsWith("4")) {
      assertNothingChanged(row, op, repo, login, layer);
    }
  }

  private static String registryOperation(Row row, Op op, String repo, String login, byte[] layer)
      throws Exception {
    String nodeId = row.identity() == null ? world.node : world.nodeOf(row.identity());
    AccessClient.Connections node = () -> world.fromNode(nodeId, row.registry(), row.privateEndpoint());
    String scope = switch (op) {
      case PUSH -> "repository:" + repo + ":pull,push";
      case DELETE -> "repository:" + repo + ":delete";
      case CATALOG -> "registry:catalog:*";
      default -> "repository:" + repo + ":pull";
    };
    AccessClient.Token token = credentials.registryToken(row.credential(), row.identity(), nodeId,
        node, login, scope);
    if (token.refused().isPresent()) {
      return token.refused().get();
    }
    Optional<String> bearer = token.bearer();
    return switch (op) {
      case PULL -> AccessClient.pull(node, login, repo, bearer, layer);
      case PUSH -> AccessClient.push(node, login, repo, bearer, utf8("new layer of " + repo), "v2");
      case DELETE -> AccessClient.outcome(AccessClient.send(node, login, "DELETE", "/v2/" + repo
          + "/manifests/" + AccessClient.digest(AccessClient.manifest(layer)), bearer, Map.of(), new byte[0]));
      case CATALOG -> AccessClient.outcome(AccessClient.send(node, login, "GET", "/v2/_catalog", bearer,
          Map.of(), new byte[0]));
      case TAGS -> AccessClient.outcome(AccessClient.send(node, login, "GET", "/v2/" + repo + "/tags/list",
          bearer, Map.of(), new byte[0]));
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  private static void assertNothingChanged(Row row, Op op, String repo, String login, byte[] layer)
      throws Exception {
    AccessClient.Connections operator = world::fromHost;
    String manifest = "/v2/" + repo + "/manifests/" + AccessClient.digest(AccessClient.manifest(layer));
    assertThat(AccessClient.send(operator, login, "HEAD", manifest, Optional.empty(), Map.of(), new byte[0])
        .status()).as("the manifest is still there").isEqualTo(200);
    assertThat(AccessClient.send(operator, login, "HEAD", "/v2/" + repo + "/manifests/v2", Optional.empty(),
        Map.of(), new byte[0]).status()).as("nothing was pushed").isEqualTo(404);
    assertThat(AccessClient.send(operator, login, "HEAD", "/v2/" + repo + "/blobs/"
        + AccessClient.digest(utf8("new layer of " + repo)), Optional.empty(), Map.of(), new byte[0]).status())
        .as("no blob was uploaded").isEqualTo(404);
    assertThat(world.controlPlane.arm().find(world.registryId(row.registry())).orElseThrow()
        .path("tags").path("cell").asText()).as("the registry resource is unchanged").isNotEqualTo(repo);
  }

  private static Optional<String> armToken(Row row) {
    return credentials.armToken(row.credential(), row.identity());
  }

  /** The row of {@code identity} with its own valid tokens on the open registry. */
  private static Row withRole(String identity) {
    return TABLE.stream().filter(r -> identity.equals(r.identity()) && r.credential() == Credential.ROLE
        && r.registry().equals("matrixacr")).findFirst().orElseThrow();
  }

  /** The matrix as docs/RELIABILITY.md shows it. */
  static String markdown() {
    StringBuilder out = new StringBuilder("| principal |");
    for (Op op : Op.values()) {
      out.append(' ').append(op.column).append(" |");
    }
    out.append("\n|---|").append("---|".repeat(Op.values().length)).append('\n');
    for (Row row : TABLE) {
      out.append("| ").append(row.principal()).append(" |");
      row.expected().forEach(e -> out.append(' ').append(e).append(" |"));
      out.append('\n');
    }
    return out.toString();
  }

  @Test
  void theDocumentedMatrixIsThisTable() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "RELIABILITY.md"));
    String begin = "<!-- access-matrix:begin (generated from AccessMatrixIT.TABLE) -->\n";
    String end = "<!-- access-matrix:end -->";
    assertThat(doc).contains(begin).contains(end);
    String documented = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end));
    assertThat(documented).as("docs/RELIABILITY.md's access matrix; paste this table there")
        .isEqualTo(markdown());
  }

  /**
   * ACR's firewall covers the whole login server: a registry closed to the public refuses its
   * token endpoints over the internet too ({@code az acr login} fails there), and serves them
   * through its private endpoint.
   */
  @Test
  void theTokenEndpointsOfARegistryClosedToThePublicAreClosedToo() throws Exception {
    String aad = credentials.imdsToken(world.nodeOf("owner"));
    String tenant = world.settings.tenantId();
    String login = "closedacr.azurecr.io";
    AccessClient.Token internet = AccessClient.acrToken(() -> world.fromNode("closedacr", false), login,
        aad, tenant, "repository:app:pull");
    assertThat(internet.refused()).contains("403 DENIED");
    RawHttp.Response anonymous = AccessClient.send(() -> world.fromNode("closedacr", false), login, "GET",
        "/oauth2/token?service=" + login + "&scope=repository:app:pull", Optional.empty(), Map.of(), new byte[0]);
    assertThat(AccessClient.outcome(anonymous)).isEqualTo("403 DENIED");
    assertThat(anonymous.text()).contains("is not allowed access").contains("not one of its private endpoints");
    AccessClient.Token privateEndpoint = AccessClient.acrToken(() -> world.fromNode("closedacr", true), login,
        aad, tenant, "repository:app:pull");
    assertThat(privateEndpoint.bearer()).isPresent();
  }

  /**
   * One listener serves every registry by {@code Host}, so a node could reach the closed
   * registry's name through another registry's private endpoint: ACR's firewall admits only the
   * registry's own private endpoints.
   */
  @Test
  void anotherRegistrysPrivateEndpointDoesNotOpenAClosedRegistry() throws Exception {
    String owner = world.nodeOf("owner");
    AccessClient.Connections viaOther = () -> world.fromNodeTo(owner, AccessWorld.OTHER_PE_ADDRESS);
    AccessClient.Token token = AccessClient.acrToken(viaOther, "closedacr.azurecr.io",
        credentials.imdsToken(owner),        world.settings.tenantId(), "registry:catalog:*");
    assertThat(token.refused()).contains("403 DENIED");
    RawHttp.Response catalog = AccessClient.send(viaOther, "closedacr.azurecr.io", "GET", "/v2/_catalog",
        Optional.empty(), Map.of(), new byte[0]);
    assertThat(AccessClient.outcome(catalog)).isEqualTo("403 DENIED");
    assertThat(catalog.text()).contains("private endpoint otheracr-pe of another resource");
    assertThat(AccessClient.outcome(AccessClient.send(viaOther, "otheracr.azurecr.io", "GET", "/v2/", Optional.empty(),
        Map.of(), new byte[0]))).as("otheracr is open: its endpoint answers, asking for a token")
        .isEqualTo("401 UNAUTHORIZED");
  }

  /**
   * Contributor manages the registry but not access to it (its notActions take
   * writes of Microsoft.Authorization); Owner may grant roles. The refused assignment is not
   * stored.
   */
  @Test
  void contributorCannotGrantRolesButOwnerCan() throws Exception {
    ResourceId scope = world.registryId("matrixacr");
    String path = scope + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID();
    String body = Json.write(world.assignment("grantee", BuiltInRoles.ACR_PUSH));
    String[] refused = client.arm("PUT", path, armToken(withRole("contributor")), body);
    assertThat(refused[0]).isEqualTo("403 AuthorizationFailed");
    assertThat(refused[1]).contains("'Microsoft.Authorization/roleAssignments/write'");
    assertThat(world.controlPlane.arm().find(ResourceId.parse(path))).isEmpty();
    String[] granted = client.arm("PUT", path, armToken(withRole("owner")), body);
    assertThat(granted[0]).isEqualTo("201");
  }

  /** The words of two refusals: ARM's AuthorizationFailed and the registry's challenge. */
  @Test
  void refusalsSayWhatIsMissingInAzuresWords() throws Exception {
    Row pull = withRole("pull");
    String registryId = world.registryId("matrixacr").toString();
    String[] arm = client.arm("GET", registryId, armToken(pull), "");
    assertThat(arm[0]).isEqualTo("403 AuthorizationFailed");
    String[] ids = world.identities.get("pull");
    assertThat(Json.parse(arm[1]).path("error").path("message").asText()).isEqualTo("The client '" + ids[1]
        + "' with object id '" + ids[0] + "' does not have authorization to perform action "
        + "'Microsoft.ContainerRegistry/registries/read' over scope '" + registryId + "' or the scope is "
        + "invalid. If access was recently granted, please refresh your credentials.");
    String nodeId = world.nodeOf(pull.identity());
    AccessClient.Connections node = () -> world.fromNode(nodeId, "matrixacr", false);
    AccessClient.Token token = credentials.registryToken(pull.credential(), pull.identity(), nodeId,
        node, "matrixacr.azurecr.io",
        "repository:words:pull,push");
    RawHttp.Response push = AccessClient.send(node, "matrixacr.azurecr.io", "POST", "/v2/words/blobs/uploads/",
        token.bearer(), Map.of(), new byte[0]);
    assertThat(push.status()).isEqualTo(401);
    assertThat(push.header("WWW-Authenticate")).get().asString().startsWith("Bearer realm=\"https://")
        .contains("service=\"matrixacr.azurecr.io\"").contains("scope=\"repository:words:pull,push\"");
    assertThat(Json.parse(push.text()).path("errors").path(0).path("code").asText()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void everyRowHasOneOutcomePerOperation() {
    assertThat(TABLE).allSatisfy(r -> assertThat(r.expected()).hasSize(Op.values().length));
  }
}
