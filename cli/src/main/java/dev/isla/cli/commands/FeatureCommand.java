package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmClient;
import java.util.List;
import java.util.Optional;

/**
 * {@code az feature register/unregister/show/list} and {@code az provider
 * register/unregister/show/list} (research/aks-isolation.md §4.2); raw output, as az prints it.
 */
public final class FeatureCommand {

  private static final String FEATURES_API = ResourceTypes.FEATURES.newestApiVersion();
  private static final String PROVIDERS_API = ResourceTypes.RESOURCE_GROUPS.newestApiVersion();

  private FeatureCommand() {}

  public static List<CommandDef> commands() {
    Arg namespace = Arg.value("--namespace").asRequired().help("The resource namespace, aka "
        + "'provider'.");
    Arg name = Arg.value("--name", "-n").asRequired().help("The feature name.");
    Arg provider = Arg.value("--namespace", "-n").asRequired().help("The resource namespace, aka "
        + "'provider'.");
    return List.of(
        CommandDef.of("feature register", "Register a preview feature.",
            inv -> featureAction(inv, "register"), namespace, name).raw(),
        CommandDef.of("feature unregister", "Unregister a preview feature.",
            inv -> featureAction(inv, "unregister"), namespace, name).raw(),
        CommandDef.of("feature show", "Get the information of a feature.",
            inv -> Optional.of(inv.arm().get(featurePath(inv, ""))), namespace, name).raw(),
        CommandDef.of("feature list", "List preview features.", FeatureCommand::listFeatures,
            Arg.value("--namespace").help("The resource namespace, aka 'provider'.")).raw(),
        CommandDef.of("provider register", "Register a provider.",
            inv -> providerAction(inv, "register"), provider,
            Arg.flag("--wait").help("Wait for the registration to finish.")).raw(),
        CommandDef.of("provider unregister", "Unregister a provider.",
            inv -> providerAction(inv, "unregister"), provider,
            Arg.flag("--wait").help("Wait for the unregistration to finish.")).raw(),
        CommandDef.of("provider show", "Gets the specified resource provider.",
            inv -> Optional.of(inv.arm().get(providerPath(inv, ""))), provider).raw(),
        CommandDef.of("provider list", "Gets all resource providers for a subscription.",
            inv -> Optional.of(ResourceRef.listAll(inv.arm(), ArmClient.withApiVersion(
                "/subscriptions/" + inv.subscriptionId() + "/providers", PROVIDERS_API)))).raw());
  }

  private static String featurePath(Invocation inv, String action) {
    return ArmClient.withApiVersion("/subscriptions/" + inv.subscriptionId()
        + "/providers/Microsoft.Features/providers/" + inv.required("--namespace") + "/features/"
        + inv.required("--name") + action, FEATURES_API);
  }

  private static Optional<JsonNode> featureAction(Invocation inv, String action) {
    JsonNode result = ArmClient.bodyOf(inv.arm().send("POST", featurePath(inv, "/" + action),
        Optional.empty())).orElse(dev.isla.arm.Json.object());
    inv.session().warn("Once the feature '" + inv.required("--name") + "' is registered, invoking"
        + " 'az provider register -n " + inv.required("--namespace") + "' is required to get the"
        + " change propagated");
    return Optional.of(result);
  }

  private static Optional<JsonNode> listFeatures(Invocation inv) {
    String scope = "/subscriptions/" + inv.subscriptionId() + "/providers/Microsoft.Features"
        + inv.value("--namespace").map(ns -> "/providers/" + ns).orElse("") + "/features";
    return Optional.of(ResourceRef.listAll(inv.arm(),
        ArmClient.withApiVersion(scope, FEATURES_API)));
  }

  private static String providerPath(Invocation inv, String action) {
    return ArmClient.withApiVersion("/subscriptions/" + inv.subscriptionId() + "/providers/"
        + inv.required("--namespace") + action, PROVIDERS_API);
  }

  private static Optional<JsonNode> providerAction(Invocation inv, String action) {
    inv.arm().send("POST", providerPath(inv, "/" + action), Optional.empty());
    if (inv.flag("--wait")) {
      String target = action.equals("register") ? "Registered" : "Unregistered";
      for (int i = 0; i < 600; i++) {
        String state = inv.arm().get(providerPath(inv, "")).path("registrationState").asText();
        if (state.equalsIgnoreCase(target)) {
          return Optional.empty();
        }
        pause();
      }
    }
    return Optional.empty();
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
