package dev.isla.registry.proxy;

import java.io.IOException;

/** The source answered with a status that is not the expected success. */
final class UpstreamException extends IOException {

  private final transient UpstreamFailure failure;

  UpstreamException(UpstreamFailure failure) {
    super(failure.reason());
    this.failure = failure;
  }

  UpstreamFailure failure() {
    return failure;
  }
}
