package dev.isla.nodes.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpWireTest {

  private static InputStream wire(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void writesTheRequestLineHostAndLength() throws Exception {
    var out = new ByteArrayOutputStream();
    Request r = Request.postForm(Url.parse("https://myacr.azurecr.io/oauth2/exchange"), "a=1");

    HttpWire.writeRequest(out, r, r.url());

    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("""
        POST /oauth2/exchange HTTP/1.1\r
        Host: myacr.azurecr.io\r
        Content-Type: application/x-www-form-urlencoded\r
        Content-Length: 3\r
        Connection: close\r
        \r
        a=1""");
  }

  @Test
  void readsChunkedBodiesWithExtensionsAndTrailers() throws Exception {
    InputStream in = wire("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;x=y\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: t\r\n\r\n");
    HttpWire.Head head = HttpWire.readHead(in);

    assertThat(head.status()).isEqualTo(200);
    assertThat(new String(HttpWire.body(in, "GET", head).readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("hello world");
  }

  @Test
  void aContentLengthBodyEndsThereAndATruncatedOneFails() throws Exception {
    InputStream in = wire("HTTP/1.1 404 Not Found\r\ncontent-length: 3\r\n\r\nabcdef");
    HttpWire.Head head = HttpWire.readHead(in);
    assertThat(HttpWire.body(in, "GET", head).readAllBytes()).containsExactly('a', 'b', 'c');

    InputStream cut = wire("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    HttpWire.Head h2 = HttpWire.readHead(cut);
    assertThatThrownBy(() -> HttpWire.body(cut, "GET", h2).readAllBytes())
        .isInstanceOf(EOFException.class);
  }

  @Test
  void headResponsesHaveNoBody() throws Exception {
    InputStream in = wire("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
    HttpWire.Head head = HttpWire.readHead(in);
    assertThat(HttpWire.body(in, "HEAD", head).readAllBytes()).isEmpty();
  }

  @Test
  void refusesWhatIsNotHttp() {
    assertThatThrownBy(() -> HttpWire.readHead(wire("SSH-2.0-OpenSSH\r\n\r\n")))
        .hasMessageContaining("not an HTTP/1.x response");
  }
}
