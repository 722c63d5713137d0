package dev.isla.controlplane.rp.containerregistry;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A registry name: 5–50 ASCII letters and digits, globally unique case-insensitively (its login
 * server is the lower-cased {@code <name>.azurecr.io}).
 *
 * @param value the name as the user wrote it
 */
public record RegistryName(String value) {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]{5,50}");

  /** The DNS suffix of every login server. */
  public static final String LOGIN_SUFFIX = ".azurecr.io";

  public RegistryName {
    if (!isValid(value)) {
      throw ArmException.of(ArmErrorCode.REGISTRY_NAME_INVALID).target("registryName");
    }
  }

  /** Parses a name; {@code RegistryNameInvalid} when it breaks ACR's rule. */
  public static RegistryName parse(String value) {
    return new RegistryName(value);
  }

  /** True when {@code value} follows ACR's naming rule. */
  public static boolean isValid(String value) {
    return VALID.matcher(value).matches();
  }

  /** The lower-cased name, the key of global uniqueness. */
  public String key() {
    return value.toLowerCase(Locale.ROOT);
  }

  /** {@code myacr.azurecr.io}. */
  public String loginServer() {
    return key() + LOGIN_SUFFIX;
  }

  /** {@code myacr.eastus.data.azurecr.io}: the dedicated data endpoint in one region. */
  public String dataEndpoint(String location) {
    return key() + "." + location + ".data" + LOGIN_SUFFIX;
  }
}
