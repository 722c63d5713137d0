package dev.isla.controlplane.rp.containerregistry;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import java.util.Locale;

/**
 * The service tiers a registry can be created in (research/aks-isolation.md §4.4). {@code Classic}
 * is retired and refused; {@code sku.tier} always mirrors the name.
 */
public enum RegistrySku {
  BASIC("Basic"),
  STANDARD("Standard"),
  PREMIUM("Premium");

  private final String wireName;

  RegistrySku(String wireName) {
    this.wireName = wireName;
  }

  /** The name as ACR prints it, e.g. {@code Premium}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a SKU name case-insensitively.
   *
   * @throws ArmException {@code InvalidSku} for {@code Classic} and unknown names
   */
  public static RegistrySku parse(String name) {
    for (RegistrySku sku : values()) {
      if (sku.wireName.equals(name) || sku.name().equals(name.toUpperCase(Locale.ROOT))) {
        return sku;
      }
    }
    throw ArmException.of(ArmErrorCode.REGISTRY_SKU_INVALID, name).target("sku.name");
  }

  /** True for Standard and Premium: the tiers with anonymous pull. */
  public boolean allowsAnonymousPull() {
    return this != BASIC;
  }
}
