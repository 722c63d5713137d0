package dev.isla.identity.acr;

import dev.isla.identity.token.TokenClaims;
import java.util.Set;

/**
 * Port: what a principal may do in a registry, asked when it exchanges its Azure AD token for a
 * refresh token. The registry answers from role assignments (AcrPull ⇒ {@link #READ}, AcrPush ⇒
 * {@link #READ} + {@link #WRITE}, AcrDelete ⇒ {@link #DELETE}, Owner/Contributor ⇒
 * {@link #ALL}). The answer is written into the refresh token's {@code permissions.actions}, as
 * ACR does (AgentBaker requires {@code read}).
 * An empty set is a valid answer: the exchange succeeds and every later scope is refused.
 */
@FunctionalInterface
public interface RegistryPermissions {

  String READ = "read";
  String WRITE = "write";
  String DELETE = "delete";
  /** Every action. */
  String ALL = "*";

  /** The permission actions of {@code principal} in the registry {@code service}. */
  Set<String> actions(String service, TokenClaims principal);
}
