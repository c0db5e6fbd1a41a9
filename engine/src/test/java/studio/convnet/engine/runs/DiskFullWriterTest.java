package studio.convnet.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.FakeRun;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.SameEvents;
import studio.convnet.engine.train.TrainingConfig;

/**
 * Issue 11, item 5: a disk that fills while a run is recorded, simulated through the writer's seam
 * ({@link RunWriter.WriteGate}, which throws ENOSPC as the file system would). The real thing, a tiny
 * tmpfs, is {@code cli/DiskFullCliTest}.
 */
class DiskFullWriterTest {

  @TempDir Path tmp;

  /** Lets {@code budget} bytes through to files matching {@code which}, then answers "No space left on device". */
  static RunWriter.WriteGate fillsAfter(long budget, String which) {
    long[] used = {0};
    return (file, bytes) -> {
      if (!file.toString().contains(which)) return;
      if (used[0] + bytes > budget) {
        throw new FileSystemException(file.toString(), null, "No space left on device");
      }
      used[0] += bytes;
    };
  }

  private RunWriter writer(RunWriter.WriteGate gate) throws Exception {
    TrainingConfig c = TrainingConfig.bookDefaults("lenet").build();
    return RunWriter.create(tmp, c.record(), Zoo.get("lenet"), gate);
  }

  private static List<Path> tmpFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  @Test
  void eventsJsonlThatFillsUpIsNamedAndKeepsOnlyWholeLines() throws Exception {
    List<RunEvent> events = FakeRun.run("full", 3, 4);
    RunWriter w = writer(fillsAfter(6_000, RunFolder.EVENTS));
    Path dir = w.folder();
    events.forEach(w::onEvent);
    w.awaitWritten();
    w.close();

    assertThat(w.failure()).get().asString()
        .isEqualTo("disk full: could not write " + dir.resolve(RunFolder.EVENTS) + ": No space left on device");
    byte[] bytes = Files.readAllBytes(dir.resolve(RunFolder.EVENTS));
    assertThat(bytes).isNotEmpty();
    assertThat(bytes[bytes.length - 1]).as("ends with a whole line").isEqualTo((byte) '\n');
    RunReader.Recording r = RunReader.read(dir);
    assertThat(r.problems()).as("what was written reads with nothing skipped").isEmpty();
    assertThat(r.events().size()).isBetween(1, events.size() - 1);
    // the run up to the first event that did not fit, bit for bit, then only how it ended (when that fits)
    List<RunEvent> written = new ArrayList<>(r.events());
    RunEvent last = written.get(written.size() - 1);
    assertThat(last).isInstanceOf(RunEvent.RunFinished.class);
    SameEvents.assertSame(last, events.get(events.size() - 1));
    written.remove(written.size() - 1);
    SameEvents.assertSameList(written, events.subList(0, written.size()));
  }

  @Test
  void aSidecarThatDoesNotFitIsNamedLeavesNoTmpAndItsLineIsNotWritten() throws Exception {
    List<RunEvent> events = FakeRun.run("full", 2, 4);
    RunWriter w = writer(fillsAfter(0, "activations"));
    Path dir = w.folder();
    events.forEach(w::onEvent);
    w.close();

    assertThat(w.failure()).get().asString().startsWith("disk full: could not write " + dir.resolve("activations"))
        .endsWith(".bin: No space left on device");
    assertThat(tmpFiles(dir)).isEmpty();
    RunReader.Recording r = RunReader.read(dir);
    assertThat(r.problems()).isEmpty();
    // the run up to the activations that did not fit, then its end: no gap
    int first = 0;
    while (!(events.get(first) instanceof RunEvent.ActivationSnapshot)) first++;
    List<RunEvent> expected = new ArrayList<>(events.subList(0, first));
    expected.add(events.get(events.size() - 1));
    SameEvents.assertSameList(r.events(), expected);
  }

  @Test
  void aFullDiskIsRecognisedWhateverWrapsItAndTheMessageNamesTheFile() {
    assertThat(RunFolder.isDiskFull(new FileSystemException("/x", null, "No space left on device"))).isTrue();
    assertThat(RunFolder.isDiskFull(new java.io.IOException("Disk quota exceeded"))).isTrue();
    assertThat(RunFolder.isDiskFull(new java.io.IOException("outer", new java.io.IOException("No space left on device"))))
        .isTrue();
    assertThat(RunFolder.isDiskFull(new java.io.IOException("Permission denied"))).isFalse();
    assertThat(RunFolder.writeFailure(RunFolder.naming(Path.of("/r/a.bin"), new java.io.IOException(
        "No space left on device")))).isEqualTo("disk full: could not write /r/a.bin: No space left on device");
    assertThat(RunFolder.writeFailure(new java.nio.file.AccessDeniedException("/r/b.bin")))
        .isEqualTo("could not write /r/b.bin: permission denied");
  }
}
