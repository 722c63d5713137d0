package dev.isla.fabric;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.channels.NetworkChannel;
import org.junit.jupiter.api.Test;

/**
 * The fabric's rules (docs/INVARIANTS.md): it knows no other Isla module but arm-api, and only
 * {@link LoopbackDialer} — which refuses non-loopback addresses — creates or connects sockets.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.isla.fabric");

  @Test
  void theFabricKnowsOnlyTheArmContract() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.isla.controlplane..",
            "dev.isla.registry..", "dev.isla.dns..", "dev.isla.nodes..", "dev.isla.identity..",
            "dev.isla.cli..", "dev.isla.launcher..")
        .check(CLASSES);
  }

  @Test
  void onlyTheLoopbackDialerOpensSockets() {
    noClasses().that().doNotHaveFullyQualifiedName(LoopbackDialer.class.getName())
        .and().doNotHaveFullyQualifiedName(FabricSocket.class.getName())
        .should().callConstructorWhere(describe("creates a socket",
            c -> c.getTargetOwner().isAssignableTo(Socket.class)
                || c.getTargetOwner().isAssignableTo(DatagramSocket.class)))
        .orShould().callMethodWhere(describe("connects or opens a socket",
            c -> (c.getTargetOwner().isAssignableTo(Socket.class)
                || c.getTargetOwner().isAssignableTo(NetworkChannel.class))
                && (c.getName().equals("connect") || c.getName().equals("open"))))
        .orShould().dependOnClassesThat().resideInAnyPackage("java.net.http..")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.isla.fabric.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
