package studio.convnet.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.FakeRun;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.events.SameEvents;

/** Issue 11, item 3: a damaged run folder still opens; what was skipped is named by line. */
class DamagedRunTest {

  @TempDir Path tmp;

  /** A small fake run recorded through the real writer (sidecars included). */
  private Path recorded(String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve(RunFolder.CONFIG), "{}");
    try (RunWriter w = RunWriter.append(dir)) {
      FakeRun.run(name, 2, 4).forEach(w::onEvent);
    }
    return dir;
  }

  private static List<String> lines(Path dir) throws Exception {
    return new ArrayList<>(Files.readAllLines(dir.resolve(RunFolder.EVENTS)));
  }

  private static void write(Path dir, List<String> lines) throws Exception {
    Files.writeString(dir.resolve(RunFolder.EVENTS), String.join("\n", lines) + "\n");
  }

  @Test
  void aBadMiddleLineAnUnknownTypeAndMissingFieldsAreSkippedByName() throws Exception {
    Path dir = recorded("bad-lines");
    List<String> lines = lines(dir);
    int total = lines.size();
    lines.set(3, lines.get(3).substring(0, 20) + "}garbage");
    lines.add(5, "{\"type\":\"ProbeSnapshot\",\"elapsed\":1.0,\"what\":[1,2]}");
    lines.add(7, "{\"type\":\"EpochMetrics\"}");
    lines.add(8, "[1,2,3]");
    write(dir, lines);

    RunReader.Recording r = RunReader.read(dir);
    assertThat(r.events()).hasSize(total - 1);
    assertThat(r.problems()).hasSize(4);
    assertThat(r.problems().get(0)).startsWith("events.jsonl line 4: ").endsWith("; skipped");
    assertThat(r.problems().get(1)).startsWith("events.jsonl line 6: unknown event type 'ProbeSnapshot'")
        .contains("newer version");
    assertThat(r.problems().get(2)).startsWith("events.jsonl line 8: EpochMetrics: required fields")
        .contains("epoch", "trainLoss");
    assertThat(r.problems().get(3)).startsWith("events.jsonl line 9: not an event");
    RunState s = RunState.of(r.events());
    assertThat(s.epochs()).hasSize(2);
  }

  @Test
  void sidecarsThatLeaveTheFolderOrOverflowAreRefusedButDotsInANameAreFine() throws Exception {
    Path dir = recorded("sidecars");
    Path outside = Files.writeString(tmp.resolve("secret.bin"), "x".repeat(4096));
    Path filters = dir.resolve("filters");
    Files.createSymbolicLink(filters.resolve("link.bin"), outside);
    float[] w = FakeRun.weights(6, 25, 1);
    ByteBuffer b = ByteBuffer.allocate(w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(w);
    Files.write(filters.resolve("a..b.bin"), b.array());
    String ok = "{\"type\":\"FilterSnapshot\",\"elapsed\":9,\"epoch\":1,\"batch\":1,\"step\":99,\"layer\":\"conv1\","
        + "\"shape\":[6,1,5,5],\"weights\":{\"$bin\":\"filters/a..b.bin\",\"offset\":0,\"length\":150}}";
    List<String> lines = lines(dir);
    int total = lines.size();
    lines.add(ok);
    lines.add(ok.replace("filters/a..b.bin", "filters/link.bin"));
    lines.add(ok.replace("filters/a..b.bin", "../secret.bin"));
    lines.add(ok.replace("\"offset\":0", "\"offset\":4611686018427387904"));
    lines.add(ok.replace("filters/a..b.bin", "filters/none.bin"));
    write(dir, lines);

    RunReader.Recording r = RunReader.read(dir);
    assertThat(r.events()).hasSize(total + 1);
    assertThat(((RunEvent.FilterSnapshot) r.events().get(total)).weights()).containsExactly(w);
    assertThat(r.problems()).hasSize(4);
    assertThat(r.problems().get(0)).contains("line " + (total + 2)).contains("outside the run folder");
    assertThat(r.problems().get(1)).contains("line " + (total + 3)).contains("outside the run folder");
    assertThat(r.problems().get(2)).contains("holds 150 floats").contains("4611686018427387904");
    assertThat(r.problems().get(3)).contains("missing sidecar file filters/none.bin");
  }

  @Test
  void aTornLastLineIsReportedAndAnAppendingWriterCutsItFirst() throws Exception {
    Path dir = recorded("torn");
    List<RunEvent> before = RunReader.readAll(dir);
    String longLine = EventCodec.toJson(FakeRun.run("x", 1, 1).stream()
        .filter(RunEvent.ConfusionMatrix.class::isInstance).findFirst().orElseThrow());
    Files.writeString(dir.resolve(RunFolder.EVENTS), longLine.substring(0, longLine.length() / 2),
        StandardOpenOption.APPEND);
    RunReader.Recording torn = RunReader.read(dir);
    assertThat(torn.events()).hasSize(before.size());
    assertThat(torn.problems()).singleElement().asString()
        .contains("line " + (before.size() + 1) + ": incomplete (" + longLine.length() / 2 + " bytes");

    List<String> notices = new ArrayList<>();
    RunEvent resumed = FakeRun.started("torn", 2, 4, 1);
    try (RunWriter w = RunWriter.append(dir, notices::add)) {
      w.onEvent(resumed);
    }
    assertThat(notices).singleElement().asString().contains("line " + (before.size() + 1) + " was incomplete")
        .contains("repairs/events-line-" + (before.size() + 1) + ".partial");
    assertThat(Files.readString(dir.resolve("repairs/events-line-" + (before.size() + 1) + ".partial")))
        .isEqualTo(longLine.substring(0, longLine.length() / 2));
    RunReader.Recording repaired = RunReader.read(dir);
    assertThat(repaired.problems()).isEmpty();
    assertThat(repaired.events()).hasSize(before.size() + 1);
    SameEvents.assertSame(repaired.events().get(before.size()), resumed);
  }

  @Test
  void aConfusionMatrixKeepsItsLongArraysInASidecar() throws Exception {
    Path dir = recorded("confusion");
    assertThat(Files.list(dir.resolve("confusion")).map(p -> p.getFileName().toString()).sorted())
        .containsExactly("epoch-001.bin", "epoch-002.bin");
    assertThat(Files.readAllLines(dir.resolve(RunFolder.EVENTS), StandardCharsets.UTF_8))
        .allSatisfy(l -> assertThat(l.length()).isLessThan(2000));
    SameEvents.assertSameList(RunReader.readAll(dir), FakeRun.run("confusion", 2, 4));
  }

  @Test
  void aCorruptFollowedLineIsSkippedAndTheFollowGoesOn() throws Exception {
    Path dir = recorded("follow");
    List<String> lines = lines(dir);
    lines.set(2, "{not json");
    write(dir, lines);
    List<RunEvent> got = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    var end = RunReader.follow(dir, got::add, problems::add, () -> false, 10);
    assertThat(end).containsInstanceOf(RunEvent.RunFinished.class);
    assertThat(got).hasSize(lines.size() - 1);
    assertThat(problems).singleElement().asString().startsWith("events.jsonl line 3: ");
  }

  @Test
  void unknownEventTypesAreCountedNamedAndStayInTheFileWhenARunIsAppended() throws Exception {
    Path dir = recorded("newer");
    List<String> lines = lines(dir);
    String norms = "{\"type\":\"GradientNorms\",\"elapsed\":0.15,\"norms\":[1.5,2.5]}";
    String saliency = "{\"type\":\"Saliency\",\"elapsed\":0.25}";
    lines.add(2, norms);
    lines.add(5, norms.replace("0.15", "0.35"));
    lines.add(7, saliency);
    lines.add(9, norms.replace("0.15", "0.45"));
    write(dir, lines);
    String why = " (written by a newer version of ConvNet Studio?); ";
    List<String> expected = List.of(
        "events.jsonl line 3 and 2 more lines: unknown event type 'GradientNorms'" + why
            + "3 events left out here, kept in the file",
        "events.jsonl line 8: unknown event type 'Saliency'" + why + "left out here, kept in the file");

    RunReader.Recording r = RunReader.read(dir);
    assertThat(r.problems()).containsExactlyElementsOf(expected);
    SameEvents.assertSameList(r.events(), FakeRun.run("newer", 2, 4));
    try (RunReader.Following f = RunReader.followInBackground(dir, e -> { })) {
      f.join(30_000);
      assertThat(f.isDone()).isTrue();
      assertThat(f.problems()).as("a follower counts them too").containsExactlyElementsOf(expected);
    }

    // a resume appends: the newer lines stay, byte for byte, and are still counted
    try (RunWriter w = RunWriter.append(dir, n -> { })) {
      w.onEvent(FakeRun.started("newer", 2, 4, 2));
    }
    List<String> after = lines(dir);
    assertThat(after.subList(0, lines.size())).containsExactlyElementsOf(lines);
    assertThat(after).hasSize(lines.size() + 1);
    assertThat(RunReader.read(dir).problems()).containsExactlyElementsOf(expected);
  }

  @Test
  void aRunFromANewerFormatOpensWithANoticeAndWhatItAddedIsCounted() throws Exception {
    Path dir = recorded("format-3");
    List<String> lines = lines(dir);
    assertThat(lines.get(0)).contains("\"format\":" + studio.convnet.engine.events.RunConfig.FORMAT + ",");
    lines.set(0, lines.get(0).replace("\"format\":" + studio.convnet.engine.events.RunConfig.FORMAT + ",",
        "\"format\":99,"));
    lines.add(1, "{\"type\":\"Heatmap\",\"elapsed\":0.01,\"map\":[0.5]}");
    write(dir, lines);
    RunReader.Recording r = RunReader.read(dir);
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems().get(0)).isEqualTo("events.jsonl line 1: written by a newer version (format 99; this one"
        + " reads format " + studio.convnet.engine.events.RunConfig.FORMAT + "): what it does not know is left out");
    assertThat(r.problems().get(1)).startsWith("events.jsonl line 2: unknown event type 'Heatmap'");
    assertThat(RunState.of(r.events()).epochs()).hasSize(2);
  }
}

