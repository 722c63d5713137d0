package dev.isla.nodes;

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
 * The node agents' rules (docs/INVARIANTS.md): they know the fabric and the ARM contract, never
 * the control plane or the servers they talk to; every socket comes from the fabric (no class
 * creates or connects one, nor uses {@code java.net.http} or {@code InetAddress} lookups).
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.isla.nodes");

  @Test
  void nodesKnowOnlyTheFabricAndTheArmContract() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.isla.controlplane..",
            "dev.isla.registry..", "dev.isla.dns..", "dev.isla.identity..", "dev.isla.cli..",
            "dev.isla.launcher..")
        .check(CLASSES);
  }

  @Test
  void noNodeClassOpensASocketOfItsOwn() {
    noClasses()
        .should().callConstructorWhere(describe("creates a socket",
            c -> (c.getTargetOwner().isAssignableTo(Socket.class)
                || c.getTargetOwner().isAssignableTo(DatagramSocket.class))))
        .orShould().callMethodWhere(describe("connects or opens a socket",
            c -> (c.getTargetOwner().isAssignableTo(Socket.class)
                || c.getTargetOwner().isAssignableTo(NetworkChannel.class))
                && (c.getName().equals("connect") || c.getName().equals("open"))))
        .orShould().callMethodWhere(describe("looks a name up outside the VNet's DNS",
            c -> c.getTargetOwner().isAssignableTo(java.net.InetAddress.class)
                && (c.getName().equals("getByName") || c.getName().equals("getAllByName"))))
        .orShould().dependOnClassesThat().resideInAnyPackage("java.net.http..")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.isla.nodes.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

}
