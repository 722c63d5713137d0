package dev.isla.dns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The DNS module's layering (STYLE.md, docs/INVARIANTS.md): data plane, one-way layers, no cycles. */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.isla.dns");

  @Test
  void dnsKnowsNoOtherIslaModule() {
    noClasses().that().resideInAPackage("dev.isla.dns..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.isla.controlplane..", "dev.isla.registry..",
            "dev.isla.fabric..", "dev.isla.nodes..", "dev.isla.identity..", "dev.isla.cli..", "dev.isla.launcher..")
        .check(CLASSES);
  }

  @Test
  void layersPointOneWay() {
    noClasses().that().resideInAPackage("dev.isla.dns.catalog..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.isla.dns.view..", "dev.isla.dns.query..",
            "dev.isla.dns.listener..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.isla.dns.view..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.isla.dns.query..", "dev.isla.dns.listener..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.isla.dns.query..")
        .should().dependOnClassesThat().resideInAPackage("dev.isla.dns.listener..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.isla.dns.*..")
        .should().dependOnClassesThat().resideInAPackage("dev.isla.dns")
        .because("DnsServer composes the layers; none of them knows it")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.isla.dns.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
