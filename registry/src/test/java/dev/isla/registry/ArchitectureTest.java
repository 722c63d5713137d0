package dev.isla.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The registry module's layering (STYLE.md): a data-plane module that knows no control plane. */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.isla.registry");

  @Test
  void theRegistryNeverImportsTheControlPlane() {
    noClasses().that().resideInAPackage("dev.isla.registry..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.isla.controlplane..",
            "dev.isla.cli..", "dev.isla.launcher..")
        .check(CLASSES);
  }

  @Test
  void storageAndValuesKnowNeitherHttpNorTheProxy() {
    noClasses().that().resideInAnyPackage("dev.isla.registry.storage..", "dev.isla.registry.oci..")
        .should().dependOnClassesThat().resideInAnyPackage("io.helidon..",
            "dev.isla.registry.api..", "dev.isla.registry.proxy..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.isla.registry.api..")
        .should().dependOnClassesThat().resideInAPackage("dev.isla.registry.proxy..")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.isla.registry.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
