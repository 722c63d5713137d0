package dev.isla.registry.auth;

/**
 * The one decision point every registry request passes before anything is read or written.
 * Later implementations check tokens, roles, anonymous pull and the network origin (public
 * network access, private endpoints); today {@link #ALLOW_ALL}.
 */
@FunctionalInterface
public interface AccessPolicy {

  /** Lets every request through. */
  AccessPolicy ALLOW_ALL = request -> Decision.ALLOW;

  Decision decide(AccessRequest request);

  /** The outcome; the API maps {@code UNAUTHENTICATED} to 401 and {@code DENIED} to 403. */
  enum Decision { ALLOW, UNAUTHENTICATED, DENIED }
}
