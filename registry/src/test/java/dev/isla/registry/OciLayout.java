package dev.isla.registry;

import dev.isla.registry.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A small genuine OCI image on disk (layout with index, manifest, config and one gzip'd tar
 * layer) for real clients to push: skopeo's {@code oci:} transport reads it.
 */
public record OciLayout(Digest manifest, Digest config, Digest layer) {

  /** Writes an OCI image layout (tag {@code v1}) with one gzip'd tar layer at {@code layout}. */
  public static OciLayout write(Path layout) throws IOException {
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    byte[] tar = tarWithOneFile("hello.txt", Oci.utf8("hello from isla\n"));
    byte[] layer = gzip(tar);
    // diff_ids name the uncompressed layer: containerd checks them when it unpacks.
    byte[] config = Oci.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":"
        + "{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(tar) + "\"]},\"config\":{}}");
    byte[] manifest = Oci.imageManifest(config, layer);
    for (byte[] blob : new byte[][] {layer, config, manifest}) {
      Files.write(layout.resolve("blobs/sha256").resolve(Digest.sha256(blob).hex()), blob);
    }
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{"
        + "\"mediaType\":\"" + Oci.OCI_MANIFEST + "\",\"digest\":\"" + Digest.sha256(manifest)
        + "\",\"size\":" + manifest.length + ",\"annotations\":{\"org.opencontainers.image"
        + ".ref.name\":\"v1\"}}]}");
    return new OciLayout(Digest.sha256(manifest), Digest.sha256(config), Digest.sha256(layer));
  }

  private static byte[] tarWithOneFile(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    int padded = (content.length + 511) / 512 * 512;
    byte[] tar = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, tar, 0, 512);
    System.arraycopy(content, 0, tar, 512, content.length);
    return tar;
  }

  private static void put(byte[] target, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, target, offset, bytes.length);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

}
