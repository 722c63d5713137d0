package dev.isla.controlplane.rp.containerregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ProvisioningState;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Microsoft.ContainerRegistry/registries/cacheRules (research/aks-isolation.md §4.4, §6.1): on
 * every tier; at most {@value #MAX_RULES} per registry; no two rules whose targets conflict
 * ({@link CacheRule#conflictsWith}). Creation is long-running as in ACR (201 {@code Creating},
 * then {@code Succeeded}). Source and target of an existing rule are fixed; only its credential
 * set may change, and credential sets do not exist in Isla yet.
 */
public final class CacheRuleProvider implements ResourceProvider {

  /** ACR's limit of cache rules per registry. */
  public static final int MAX_RULES = 1000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{5,50}");

  private final Arm arm;

  public CacheRuleProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public boolean recordsSystemData() {
    return true;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.CACHE_RULES;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    ResourceId id = request.id();
    if (!NAME.matcher(id.name()).matches()) {
      throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_NAME, "The cache rule name '" + id.name()
          + "' is not valid. It must be 5 to 50 characters long and contain only letters, digits and hyphens.")
          .target("cacheRuleName");
    }
    JsonNode p = request.body().path("properties");
    CacheRule rule = new CacheRule(id.name(), text(p, "sourceRepository"), text(p, "targetRepository"));
    request.existing().map(CacheRules::rule).ifPresent(before -> checkUnchanged(before, rule));
    List<StoredResource> siblings = request.tx().list(
        ResourceQuery.ofType(type().key()).withParent(id.parent().orElseThrow())).stream()
        .filter(r -> !r.id().equals(id)).toList();
    for (StoredResource sibling : siblings) {
      CacheRule other = CacheRules.rule(sibling);
      if (rule.conflictsWith(other)) {
        throw ArmException.of(ArmErrorCode.CACHE_RULE_CONFLICT, "The target repository '"
            + rule.targetRepository() + "' conflicts with the target repository '"
            + other.targetRepository() + "' of cache rule '" + other.name() + "'.");
      }
    }
    if (request.existing().isEmpty() && siblings.size() >= MAX_RULES) {
      throw ArmException.of(ArmErrorCode.CACHE_RULE_QUOTA, id.parent().orElseThrow().name(), MAX_RULES);
    }
    checkCredentialSet(p.path("credentialSetResourceId"));
    return mutation(request, rule);
  }

  private Mutation mutation(ResourceRequest request, CacheRule rule) {
    ObjectNode out = Json.object();
    ObjectNode properties = out.putObject("properties");
    properties.put("sourceRepository", rule.sourceRepository());
    properties.put("targetRepository", rule.targetRepository());
    properties.putNull("credentialSetResourceId");
    properties.put("creationDate", request.existing()
        .map(r -> r.body().path("properties").path("creationDate").asText())
        .orElse(arm.clock().instant().toString()));
    if (request.existing().isPresent()) {
      properties.put("provisioningState", ProvisioningState.SUCCEEDED);
      return Mutation.store(out);
    }
    properties.put("provisioningState", "Creating");
    return Mutation.storeAsync(out, Step.of("create"));
  }

  private static String text(JsonNode properties, String field) {
    JsonNode v = properties.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ArmException.of(ArmErrorCode.CACHE_RULE_INVALID, "The property '" + field + "' is required.")
          .target("properties." + field);
    }
    return v.asText();
  }

  private static void checkUnchanged(CacheRule before, CacheRule after) {
    if (!before.sourceRepository().equals(after.sourceRepository())
        || !before.targetRepository().equals(after.targetRepository())) {
      throw ArmException.of(ArmErrorCode.CACHE_RULE_INVALID, "The source and target repositories of cache rule '"
          + before.name() + "' cannot be changed; delete the rule and create a new one.");
    }
  }

  private static void checkCredentialSet(JsonNode credentialSet) {
    if (credentialSet.isTextual() && !credentialSet.asText().isBlank()) {
      throw ArmException.of(ArmErrorCode.CREDENTIAL_SET_NOT_FOUND, credentialSet.asText())
          .target("properties.credentialSetResourceId");
    }
  }

  @Override
  public JsonNode finish(ResourceId id, Step step) {
    ObjectNode body = arm.store().get(id).orElseThrow(() -> arm.notFound(id)).body();
    return ProvisioningState.set(body, ProvisioningState.SUCCEEDED);
  }
}
