package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.train.ExactResumeTest;

/**
 * Issue 11's kill -9 harness: a real {@code convnet train} process is killed (SIGKILL) while a
 * checkpoint is half written, while a long events.jsonl line is half written, or at a random moment;
 * {@code train --resume} is run until the run is complete; the final weights, optimizer state and
 * every epoch's metrics must equal, bit for bit, those of an uninterrupted process with the same seed,
 * and the folder must read with nothing skipped. Fault points ({@code -Dconvnet.faultPauseMillis})
 * write a checkpoint or a long line in two halves with a pause between, announced on stderr.
 *
 * <p>The default cases are two (LeNet, 1 024 images, 3 epochs: momentum + augmentation killed in a
 * checkpoint write, Adam killed in a line); {@code -Dconvnet.longTests=true} runs every optimizer
 * with and without augmentation at every kind of kill point, random moments with two seeds included
 * (36 cases).
 */
class KillResumeTest {

  @TempDir Path tmp;
  /** Uninterrupted reference runs, one per optimizer and augmentation, shared by the cases. */
  @TempDir static Path references;
  private static final java.util.Map<String, Path> REFERENCE = new java.util.concurrent.ConcurrentHashMap<>();
  /** One line per case: where it was killed, what the resume started from, the work lost. */
  private static final List<String> RESULTS = java.util.Collections.synchronizedList(new ArrayList<>());

  static Stream<Arguments> cases() {
    if (Boolean.getBoolean("convnet.longTests")) {
      List<Arguments> all = new ArrayList<>();
      for (String opt : List.of("sgd", "sgd-momentum", "adam")) {
        for (boolean aug : List.of(false, true)) {
          for (String kill : List.of("checkpoint:1", "checkpoint:2", "line:3", "line:8", "random:1", "random:2")) {
            all.add(Arguments.of(opt, aug, kill));
          }
        }
      }
      return all.stream();
    }
    return Stream.of(Arguments.of("sgd-momentum", true, "checkpoint:2"), Arguments.of("adam", false, "line:5"));
  }

  static List<String> command(Path out, String optimizer, boolean augment, boolean faults, String... more) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path")));
    if (faults) {
      cmd.addAll(List.of("-Dconvnet.faultPauseMillis=150", "-Dconvnet.faultLongLine=256"));
    }
    cmd.add(ConvNetCli.class.getName());
    cmd.add("train");
    if (more.length > 0) {
      cmd.addAll(List.of(more));
      return cmd;
    }
    cmd.addAll(List.of("--model", "lenet", "--train-limit", "1024", "--test-limit", "200", "--epochs", "3",
        "--batch-size", "128", "--optimizer", optimizer, "--lr", optimizer.equals("adam") ? "0.01" : "0.5",
        "--seed", "11", "--probes", "0", "--filter-every", "3", "--metrics-every", "1", "--out", out.toString()));
    if (augment) {
      cmd.addAll(List.of("--augment", "hflip:p=0.5", "crop:scale=0.7-1"));
    }
    return cmd;
  }

  /** Runs to the end; returns the exit code (stderr kept in {@code log}). */
  static int run(List<String> cmd, Path log) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("process finished").isTrue();
      return p.exitValue();
    } finally {
      p.destroyForcibly(); // never leave a training process behind
    }
  }

  /** Starts a run and kills it (SIGKILL) at the n-th fault point of a kind, or after a random delay. */
  static void runAndKill(List<String> cmd, String kill, Path log) throws Exception {
    String kind = kill.substring(0, kill.indexOf(':'));
    int n = Integer.parseInt(kill.substring(kill.indexOf(':') + 1));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> seen = new ArrayList<>();
    long started = System.nanoTime();
    // random: a delay (seeded by n) counted from the moment training starts (RunStarted is printed)
    long randomDelay = kind.equals("random") ? new Random(n).nextInt(4_000) : -1;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      Thread killer = null;
      int count = 0;
      for (String line; (line = r.readLine()) != null; ) {
        seen.add(line);
        if (randomDelay >= 0 && killer == null && line.contains(" batches per epoch")) {
          killer = new Thread(() -> {
            try {
              Thread.sleep(randomDelay);
            } catch (InterruptedException e) {
              return;
            }
            p.destroyForcibly();
          });
          killer.start();
        }
        if (line.equals("FAULT-POINT " + kind) && ++count == n) {
          p.destroyForcibly(); // SIGKILL while the checkpoint or line is half on disk
          break;
        }
      }
      p.destroyForcibly();
      p.waitFor(60, TimeUnit.SECONDS);
      if (killer != null) killer.interrupt();
    }
    Files.write(log, seen);
    assertThat(p.exitValue()).as("killed, not finished: %s", String.join("\n", seen)).isNotZero();
    System.out.printf("killed at %s after %.1f s%n", kill, (System.nanoTime() - started) / 1e9);
  }

  static Path onlyRun(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  static Path reference(String optimizer, boolean augment) throws Exception {
    String key = optimizer + "-" + augment;
    Path run = REFERENCE.get(key);
    if (run == null) {
      Path refOut = references.resolve(key);
      assertThat(run(command(refOut, optimizer, augment, false), references.resolve(key + ".log"))).isZero();
      run = onlyRun(refOut);
      REFERENCE.put(key, run);
    }
    return run;
  }

  @org.junit.jupiter.api.AfterAll
  static void printResults() {
    if (!RESULTS.isEmpty()) {
      System.out.println("KILL-RESUME RESULTS (" + RESULTS.size() + " cases)");
      RESULTS.forEach(System.out::println);
    }
  }

  @ParameterizedTest(name = "{0}, augmented {1}, killed at {2}")
  @MethodSource("cases")
  void killedAtAnyMomentAndResumedEndsBitIdentical(String optimizer, boolean augment, String kill) throws Exception {
    Path reference = reference(optimizer, augment);

    Path out = tmp.resolve("killed");
    runAndKill(command(out, optimizer, augment, true), kill, tmp.resolve("killed.log"));
    Path run = onlyRun(out);
    // the work done before the kill: the last batch on disk (metrics every batch), in steps
    RunReader.Recording killed = RunReader.read(run);
    long lastStep = 0;
    int perEpoch = 0;
    for (var e : killed.events()) {
      if (e instanceof RunEvent.BatchMetrics b) {
        lastStep = b.step();
        perEpoch = b.batchesPerEpoch();
      }
    }
    int resumedAfter = -1;
    for (int attempt = 1; ; attempt++) {
      Path log = tmp.resolve("resume-" + attempt + ".log");
      int code = run(command(out, optimizer, augment, false, "--resume", run.toString()), log);
      String text = Files.readString(log);
      if (attempt == 1) {
        var m = java.util.regex.Pattern.compile("resuming after epoch (\\d+)").matcher(text);
        resumedAfter = m.find() ? Integer.parseInt(m.group(1)) : text.contains("batches per epoch") ? 0 : -1;
      }
      if (code == 2 && text.contains("already finished all 3 epochs")) {
        resumedAfter = attempt == 1 ? 3 : resumedAfter;
        break; // killed after the last checkpoint: nothing left to train
      }
      assertThat(code).as(text).isZero();
      if (text.contains("finished after 3 epochs")) {
        break;
      }
      assertThat(attempt).as("resumes").isLessThan(3);
    }

    assertThat(resumedAfter).as("the first resume said where it started").isNotNegative();
    long lost = perEpoch == 0 ? 0 : lastStep - (long) resumedAfter * perEpoch;
    RESULTS.add(String.format(java.util.Locale.ROOT,
        "%-12s aug=%-5s %-12s killed after step %2d, resumed after epoch %d: lost %2d of %d batches per epoch",
        optimizer, augment, kill, lastStep, resumedAfter, lost, perEpoch));
    assertThat(lost).as("work lost to the kill (batches), at most one epoch").isLessThanOrEqualTo(perEpoch);
    ExactResumeTest.assertSameCheckpoint(Checkpoint.read(reference.resolve("checkpoints/epoch-0003.ckpt")),
        Checkpoint.read(run.resolve("checkpoints/epoch-0003.ckpt")));
    RunReader.Recording rec = RunReader.read(run);
    assertThat(rec.problems()).as("nothing skipped after the repair").isEmpty();
    var want = RunState.of(RunReader.readAll(reference)).epochs();
    var got = RunState.of(rec.events()).epochs();
    assertThat(got).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(new double[] {got.get(i).trainLoss(), got.get(i).trainAccuracy(), got.get(i).testAccuracy()})
          .as("epoch %d", i + 1)
          .containsExactly(want.get(i).trainLoss(), want.get(i).trainAccuracy(), want.get(i).testAccuracy());
    }
  }
}
