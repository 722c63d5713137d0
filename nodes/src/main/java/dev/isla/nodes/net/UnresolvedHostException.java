package dev.isla.nodes.net;

import java.net.UnknownHostException;

/** A name the VNet's resolver gave no address for; the answer says why. */
public final class UnresolvedHostException extends UnknownHostException {

  private final transient DnsAnswer answer;
  private final String host;

  UnresolvedHostException(String host, DnsAnswer answer) {
    super(host + ": " + answer.whyNoAddress() + " from " + answer.server());
    this.host = host;
    this.answer = answer;
  }

  public String host() {
    return host;
  }

  public DnsAnswer answer() {
    return answer;
  }
}
