package dev.isla.dns.query;

/** How a query arrived, which bounds the size of its reply. */
public enum Transport {
  /** At most 512 bytes, or the EDNS0 payload size the client advertised (capped at 1232). */
  UDP,
  /** Up to 65535 bytes (RFC 1035 §4.2.2 length prefix). */
  TCP
}
