package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.runs.RunReader;

/**
 * Issue 11, item 5, on a real full disk: {@code convnet train} into a 2 MB tmpfs (about two epochs of
 * a small LeNet run fit), then the same run resumed once the file system is made larger. Needs root
 * with the right to mount (CI's container may not have it: then the test is skipped with the reason;
 * {@code runs/DiskFullWriterTest} covers the writer through its seam everywhere).
 */
class DiskFullCliTest {

  @TempDir Path tmp;
  private Path mounted;

  /** Runs a command; returns its exit code and output (stderr included). */
  static Result exec(List<String> cmd, long minutes) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).as("%s finished", cmd).isTrue();
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }

  record Result(int code, String out) {}

  private Path mountTmpfs(String size) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tiny"));
    Result m;
    try {
      m = exec(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()), 1);
    } catch (java.io.IOException e) {
      m = new Result(-1, String.valueOf(e.getMessage()));
    }
    Assumptions.assumeTrue(m.code() == 0, "cannot mount a tmpfs here (needs root allowed to mount; " + m.out().strip()
        + "): the writer's disk-full handling is tested through its seam in DiskFullWriterTest");
    mounted = dir;
    return dir;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null && exec(List.of("umount", mounted.toString()), 1).code() != 0) {
      exec(List.of("umount", "-l", mounted.toString()), 1);
    }
  }

  static List<String> train(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ConvNetCli.class.getName(),
        "train"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void aDiskThatFillsMidRunGivesOneLineNamingTheFileAndTheRunResumesOnceThereIsSpace() throws Exception {
    Path disk = mountTmpfs("2m");
    Path out = disk.resolve("runs");
    Result full = exec(train("--model", "lenet", "--train-limit", "512", "--test-limit", "200", "--epochs", "3",
        "--batch-size", "128", "--seed", "5", "--out", out.toString()), 10);

    assertThat(full.code()).as(full.out()).isEqualTo(1);
    List<String> errors = full.out().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).as(full.out()).singleElement().asString()
        .startsWith("error: disk full: could not write ").contains(out.toString()).contains("No space left on device")
        .contains("What was recorded before stays readable").contains("convnet train --resume " + out);
    assertThat(full.out()).as("no stack trace, no log noise")
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("WARN");
    Path run;
    try (Stream<Path> s = Files.list(out)) {
      run = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    // a checkpoint that does not fit (16 MB into what is left of 2 MB) names its file and leaves no .tmp
    var big = new studio.convnet.engine.runs.Checkpoint.Tensor("big", new long[] {4 << 20}, new float[4 << 20]);
    org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(() -> studio.convnet.engine.runs.Checkpoint
            .write(run, 7, 0, 0, List.of(big), java.util.Map.of(), List.of()))
        .satisfies(e -> assertThat(studio.convnet.engine.runs.RunFolder.writeFailure(e)).isEqualTo(
            "disk full: could not write " + run.resolve("checkpoints/epoch-0007.ckpt") + ": No space left on device"));
    try (Stream<Path> s = Files.walk(run)) {
      assertThat(s.map(Path::toString)).as("no half-written temp file left").noneMatch(p -> p.endsWith(".tmp"));
    }
    RunReader.Recording before = RunReader.read(run);
    assertThat(before.problems()).as("what was written before reads whole").isEmpty();
    assertThat(RunState.of(before.events()).epochs().size()).as("the disk filled mid-run").isBetween(1, 2);
    var said = java.util.regex.Pattern.compile("a resume continues after epoch (\\d)").matcher(errors.get(0));
    assertThat(said.find()).as(errors.get(0)).isTrue();
    int checkpoint = Integer.parseInt(said.group(1));

    StringBuilderWriter show = new StringBuilderWriter();
    int shown = ConvNetCli.run(new String[] {"runs", "show", run.toString()}, show.printer(), show.printer());
    assertThat(shown).as(show.text()).isZero();
    assertThat(show.text()).contains("problems  none");

    // make room, then go on from the last checkpoint
    assertThat(exec(List.of("mount", "-o", "remount,size=64m", disk.toString()), 1).code()).isZero();
    Result resumed = exec(train("--resume", run.toString()), 10);
    assertThat(resumed.code()).as(resumed.out()).isZero();
    assertThat(resumed.out()).contains("resuming after epoch " + checkpoint).contains("finished after 3 epochs");
    RunReader.Recording after = RunReader.read(run);
    assertThat(after.problems()).isEmpty();
    RunState st = RunState.of(after.events());
    assertThat(st.epochs()).extracting(RunEvent.EpochMetrics::epoch).containsExactly(1, 2, 3);
  }

  @Test
  void aDiskFullBeforeTheRunStartsSaysSoNamesTheFileAndLeavesNoFolder() throws Exception {
    Path disk = mountTmpfs("256k");
    Path out = Files.createDirectories(disk.resolve("runs"));
    try (var filler = Files.newOutputStream(disk.resolve("filler"))) {
      byte[] block = new byte[4096];
      for (int i = 0; i < 1024; i++) {
        filler.write(block);
        filler.flush();
      }
      org.assertj.core.api.Assertions.fail("a 256 KB file system took 4 MB");
    } catch (java.io.IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
    Result r = exec(train("--model", "lenet", "--train-limit", "128", "--epochs", "1", "--out", out.toString()), 5);
    assertThat(r.code()).as(r.out()).isEqualTo(2);
    assertThat(r.out().strip()).as("one line").doesNotContain("\n")
        .startsWith("error: disk full: cannot write the run folder " + out)
        .endsWith("config.json: No space left on device");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s).as("no half-made run folder left").isEmpty();
    }
  }

  /** A PrintWriter into a string (for the in-process {@code runs show}). */
  static final class StringBuilderWriter {
    private final java.io.StringWriter sw = new java.io.StringWriter();
    private final java.io.PrintWriter pw = new java.io.PrintWriter(sw, true);

    java.io.PrintWriter printer() {
      return pw;
    }

    String text() {
      pw.flush();
      return sw.toString();
    }
  }
}
