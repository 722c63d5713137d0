package dev.isla.controlplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.isla.controlplane.arm.ResourceProvider;
import org.junit.jupiter.api.Test;

/** The layering rules of STYLE.md, stated once so they can't erode (docs/INVARIANTS.md). */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.isla.controlplane", "dev.isla.arm");

  @Test
  void controlPlaneNeverImportsTheDataPlane() {
    noClasses().that().resideInAPackage("dev.isla.controlplane..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.isla.registry..", "dev.isla.dns..",
            "dev.isla.fabric..", "dev.isla.nodes..", "dev.isla.identity..", "dev.isla.cli..",
            "dev.isla.launcher..")
        .check(CLASSES);
  }

  @Test
  void armApiStandsAlone() {
    noClasses().that().resideInAPackage("dev.isla.arm..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.isla.controlplane..", "io.helidon..")
        .check(CLASSES);
  }

  @Test
  void engineAndStoreDontKnowProviders() {
    noClasses().that().resideInAnyPackage("dev.isla.controlplane.arm..", "dev.isla.controlplane.store..",
            "dev.isla.controlplane.port..")
        .should().dependOnClassesThat().resideInAPackage("dev.isla.controlplane.rp..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.isla.controlplane.store..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.isla.controlplane.arm..", "io.helidon..")
        .check(CLASSES);
  }

  @Test
  void providersAreNamedAfterWhatTheyServe() {
    classes().that().implement(ResourceProvider.class).and().areNotInterfaces()
        .should().haveSimpleNameEndingWith("Provider")
        .andShould().resideInAPackage("dev.isla.controlplane.rp..")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.isla.controlplane.(*)..").should().beFreeOfCycles().check(CLASSES);
    slices().matching("dev.isla.controlplane.rp.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
