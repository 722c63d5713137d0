package dev.isla.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArmErrorTest {

  @Test
  void aBlankCodeIsNoError() {
    assertThat(ArmError.fromBody(Json.parse("{\"error\":{\"code\":\"\",\"message\":\"m\"}}"))).isEmpty();
    ArmError read = ArmError.fromBody(Json.parse("{\"error\":{\"code\":\"InvalidParameter\","
        + "\"message\":\"m\",\"details\":[{\"code\":\" \",\"message\":null},{\"code\":\"Inner\"}]}}"))
        .orElseThrow();
    assertThat(read.code()).isEqualTo("InvalidParameter");
    assertThat(read.details()).extracting(ArmError::code).containsExactly("Inner");
  }
}
