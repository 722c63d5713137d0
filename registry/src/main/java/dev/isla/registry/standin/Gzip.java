package dev.isla.registry.standin;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;

/**
 * A reproducible gzip member (RFC 1952) of stored deflate blocks (RFC 1951 §3.2.4). The header
 * is fixed: no file name, modification time 0, OS byte 255 ("unknown"). The JDK's
 * {@code GZIPOutputStream} is not used on purpose: its OS byte changed between JDK releases
 * (JDK-8244706) and its compressed bytes depend on the zlib the JDK was built with, so digests
 * would differ between machines. The stand-in's layers are a few KiB, so not compressing costs
 * nothing worth having.
 */
final class Gzip {

  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final int MAX_STORED = 65_535;

  private Gzip() {}

  static byte[] of(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
    out.writeBytes(HEADER);
    int offset = 0;
    do {
      int length = Math.min(MAX_STORED, data.length - offset);
      boolean last = offset + length == data.length;
      out.write(last ? 1 : 0);
      writeLittleEndian(out, length, 2);
      writeLittleEndian(out, ~length & 0xffff, 2);
      out.write(data, offset, length);
      offset += length;
    } while (offset < data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    writeLittleEndian(out, crc.getValue(), 4);
    writeLittleEndian(out, data.length, 4);
    return out.toByteArray();
  }

  private static void writeLittleEndian(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
