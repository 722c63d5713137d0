package dev.isla.launcher.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client's acknowledged writes — what the server answered with a success — which the
 * verification pass reads back: the client's resource group and its tags, its virtual networks
 * (tags and address prefix) and those it deleted, the scratch groups it deleted, and the images
 * it pushed. A write that failed leaves its resource uncertain: not verified either way (the
 * failure already counts as an error). Only its client writes to it, before verification reads.
 */
final class Ledger {

  /** A virtual network's acknowledged content. */
  record Vnet(Map<String, String> tags, String prefix) {}

  /** An image the registry acknowledged: manifest bytes and digest, its layer. */
  record Pushed(String repository, String tag, String digest, byte[] manifest, String layer,
      int layerSize) {}

  final String group;
  Map<String, String> groupTags = Map.of();
  boolean groupUncertain;
  final Map<String, Vnet> vnets = new LinkedHashMap<>();
  final Set<String> deletedVnets = new HashSet<>();
  final Set<String> uncertainVnets = new HashSet<>();
  final List<String> deletedGroups = new ArrayList<>();
  final List<Pushed> pushed = new ArrayList<>();

  Ledger(String group) {
    this.group = group;
  }

  void vnetStored(String name, Vnet vnet) {
    vnets.put(name, vnet);
    deletedVnets.remove(name);
    uncertainVnets.remove(name);
  }

  void vnetDeleted(String name) {
    vnets.remove(name);
    deletedVnets.add(name);
    uncertainVnets.remove(name);
  }

  void vnetUncertain(String name) {
    vnets.remove(name);
    deletedVnets.remove(name);
    uncertainVnets.add(name);
  }
}
