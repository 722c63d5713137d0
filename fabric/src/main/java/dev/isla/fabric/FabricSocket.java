package dev.isla.fabric;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real loopback socket opened by the fabric; closing it also forgets its origin, so a server
 * can no longer attribute a later connection on the same source port to it.
 */
final class FabricSocket extends Socket {

  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Runnable onClose = () -> {};

  void onClose(Runnable action) {
    this.onClose = action;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      if (closed.compareAndSet(false, true)) {
        onClose.run();
      }
    }
  }
}
