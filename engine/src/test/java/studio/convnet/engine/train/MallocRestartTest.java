package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MallocRestartTest {

  @Test
  void restartsOnlyOnLinuxOnceAndWhenNobodyChoseOtherwise() {
    assertThat(MallocRestart.applies(null, null, null, null, "Linux")).isTrue();
    assertThat(MallocRestart.applies(null, "1", null, null, "Linux")).as("already restarted").isFalse();
    assertThat(MallocRestart.applies("glibc.malloc.arena_max=4", null, null, null, "Linux"))
        .as("the user's own tunables win").isFalse();
    assertThat(MallocRestart.applies(null, null, "OFF", null, "Linux")).as("CONVNET_NATIVE_TUNING=off").isFalse();
    assertThat(MallocRestart.applies(null, null, null, "false", "Linux")).as("-Dconvnet.nativeTuning=false").isFalse();
    assertThat(MallocRestart.applies(null, null, null, null, "Windows 11")).isFalse();
    assertThat(MallocRestart.applies(null, null, null, null, "Mac OS X")).isFalse();
  }

  @Test
  void readsTheCommandLineAsTheKernelGivesIt() {
    byte[] cmdline = "java\0-Xmx1g\0-jar\0/home/x/Mes cours/convnet.jar\0train\0--model\0lénet\0"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(MallocRestart.arguments(cmdline, StandardCharsets.UTF_8))
        .containsExactly("java", "-Xmx1g", "-jar", "/home/x/Mes cours/convnet.jar", "train", "--model", "lénet");
    assertThat(MallocRestart.arguments("java\0\0x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .as("an empty argument is kept, a missing final NUL too").containsExactly("java", "", "x");
  }

  @Test
  void aJavaCommandLineGetsTheQuickJitUnlessItChoosesTheJitItself() {
    var argv = java.util.List.of("java", "-Xmx1g", "-jar", "convnet.jar", "train");
    assertThat(MallocRestart.withQuickJit(argv, "/usr/lib/jvm/java-17/bin/java"))
        .containsExactly("java", MallocRestart.QUICK_JIT, "-Xmx1g", "-jar", "convnet.jar", "train");
    assertThat(MallocRestart.withQuickJit(argv, "/opt/convnetstudio/bin/ConvNetStudio"))
        .as("a jpackage launcher: its .cfg has the option").isEqualTo(argv);
    for (String own : new String[] {"-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint", "-Xcomp"}) {
      var chosen = java.util.List.of("java", own, "-jar", "convnet.jar");
      assertThat(MallocRestart.withQuickJit(chosen, "/usr/bin/java")).as(own).isEqualTo(chosen);
    }
  }
}
