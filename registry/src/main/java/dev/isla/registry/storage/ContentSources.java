package dev.isla.registry.storage;

import dev.isla.registry.catalog.RegistryInfo;

/** Picks the {@link ContentSource} for a repository (a cache rule's, or local content). */
@FunctionalInterface
public interface ContentSources {

  ContentSource forRepository(RegistryInfo registry, RepositoryId repository);
}
