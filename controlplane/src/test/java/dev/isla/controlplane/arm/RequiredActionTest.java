package dev.isla.controlplane.arm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.ResourceId;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RBAC operation of each kind of ARM request, spelled as ARM's AuthorizationFailed spells it. */
class RequiredActionTest {

  private static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      GET    | /                                          | Microsoft.Resources/subscriptions/read                              | /
      GET    | /resourcegroups                            | Microsoft.Resources/subscriptions/resourceGroups/read               | /
      PUT    | /resourceGroups/rg                         | Microsoft.Resources/subscriptions/resourceGroups/write              | /resourceGroups/rg
      DELETE | /resourceGroups/rg                         | Microsoft.Resources/subscriptions/resourceGroups/delete             | /resourceGroups/rg
      GET    | /providers                                 | Microsoft.Resources/subscriptions/providers/read                    | /
      POST   | /providers/Microsoft.ContainerService/register | Microsoft.ContainerService/register/action                      | /
      GET    | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries | Microsoft.ContainerRegistry/registries/read | /resourceGroups/rg
      GET    | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr | Microsoft.ContainerRegistry/registries/read | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr
      PATCH  | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr | Microsoft.ContainerRegistry/registries/write | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr
      POST   | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr/listCredentials | Microsoft.ContainerRegistry/registries/listCredentials/action | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr
      PUT    | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr/providers/Microsoft.Authorization/roleAssignments/1 | Microsoft.Authorization/roleAssignments/write | /resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr/providers/Microsoft.Authorization/roleAssignments/1
      POST   | /providers/Microsoft.Features/providers/Microsoft.ContainerService/features/F/register | Microsoft.Features/providers/features/register/action | /providers/Microsoft.Features/providers/Microsoft.ContainerService/features/F
      """)
  void eachRequestNeedsTheOperationAzureNames(String method, String path, String action, String scope) {
    String expectedScope = scope.equals("/") ? SUB : SUB + scope;
    assertThat(RequiredAction.of(method, SUB + (path.equals("/") ? "" : path)))
        .contains(new RequiredAction(action, expectedScope));
  }

  @ParameterizedTest
  @CsvSource({"GET,/subscriptions", "GET,/tenants", "GET,/metadata/endpoints",
      "GET,/subscriptions/00000000-0000-0000-0000-000000000001/resources",
      "GET,/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/resources"})
  void pathsOutsideASubscriptionAndTheGenericListingNeedNothing(String method, String path) {
    assertThat(RequiredAction.of(method, path)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @CsvSource({"GET,/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr"})
  void aCaseInsensitiveSpellingNeedsTheSameAction(String method, String path) {
    assertThat(RequiredAction.of(method, SUB.toUpperCase() + path.toLowerCase()).orElseThrow().action())
        .isEqualTo("Microsoft.ContainerRegistry/registries/read");
  }

  /**
   * The gate asks this of every authenticated request before routing: whatever the path, it
   * answers (never throws), and a scope it names is a resource id the role lookup can parse.
   */
  @Test
  void anyPathIsAnsweredAndItsScopeParses() {
    List<String> segments = List.of("subscriptions", "00000000-0000-0000-0000-000000000001", "resourceGroups",
        "rg", "providers", "Microsoft.ContainerRegistry", "registries", "acr", "Microsoft.Authorization",
        "roleAssignments", "Microsoft.Network", "virtualNetworks", "subnets", "resources", "register",
        "listCredentials", "", "..", "%2e", "x");
    Random random = new Random(6);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder path = new StringBuilder(random.nextBoolean() ? "/subscriptions/00000000-0000-0000-0000-000000000001" : "");
      for (int n = random.nextInt(9); n > 0; n--) {
        path.append('/').append(segments.get(random.nextInt(segments.size())));
      }
      String method = List.of("GET", "PUT", "PATCH", "DELETE", "POST", "HEAD").get(random.nextInt(6));
      Optional<RequiredAction> needed = RequiredAction.of(method, path.toString());
      needed.ifPresent(a -> assertThat(ResourceId.parse(a.scope())).as(path.toString()).isNotNull());
    }
  }
}
