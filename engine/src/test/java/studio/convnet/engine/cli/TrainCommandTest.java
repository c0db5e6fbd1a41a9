package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.runs.RunReader;

class TrainCommandTest {

  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ConvNetCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void trainOnATinySliceWritesARunFolderAndExitsZero() throws Exception {
    Result r = cli("train", "--model", "lenet", "--train-limit", "256", "--test-limit", "100", "--epochs", "1",
        "--batch-size", "64", "--out", tmp.toString(), "--augment", "hflip:p=0.5", "crop:scale=0.6-1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("run folder: ").contains("finished after 1 epochs").contains("test acc");
    assertThat(r.err()).contains("epoch 1/1");
    assertThat(r.err()).as("into a file: plain lines, no carriage returns").doesNotContain("\r");
    Path folder;
    try (var s = Files.list(tmp)) {
      folder = s.findFirst().orElseThrow();
    }
    assertThat(RunReader.readAll(folder)).isNotEmpty();
    assertThat(Files.readString(folder.resolve("config.json"))).contains("hflip").contains("crop");

    Result json = cli("train", "--model", "lenet", "--train-limit", "128", "--test-limit", "50", "--epochs", "1",
        "--out", tmp.toString(), "--json");
    assertThat(json.code()).isZero();
    String[] lines = json.out().strip().split("\n");
    assertThat(lines[0]).startsWith("{\"type\":\"RunStarted\"");
    assertThat(lines[lines.length - 1]).startsWith("{\"type\":\"RunFinished\"");
  }

  @Test
  void estimateTimesAShortRunPrintsTheWholeRunsTimeAndTrainsNothing() throws Exception {
    Result r = cli("train", "--model", "lenet", "--train-limit", "3000", "--test-limit", "500", "--epochs", "3",
        "--batch-size", "64", "--out", tmp.toString(), "--estimate");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("training images/s on CPU").contains("for 3 epochs of 3,000 images").contains("±")
        .contains("per epoch: training");
    try (var s = Files.list(tmp)) {
      assertThat(s.count()).as("no run folder").isZero();
    }
  }

  @Test
  void aRunThatEndsAtChanceSaysWhyAndWhatToTry() {
    assertThat(TrainCommand.chanceNote(0.1, 10, "lenet")).get().asString()
        .contains("chance for 10 classes").contains("ln 10").contains("--epochs").contains("--preset lenet-quick")
        .contains("lenet-modern");
    assertThat(TrainCommand.chanceNote(0.12, 10, "nin")).get().asString().contains("nin has not started to learn")
        .contains("--list-presets").doesNotContain("lenet"); // no LeNet advice for another network
    assertThat(TrainCommand.chanceNote(0.45, 10, "lenet")).isEmpty();
  }

  @Test
  void badFlagsAndDataExitTwoWithOneLine() {
    String[][] bad = {
        {"train", "--model", "nope"},
        {"train", "--optimizer", "rmsprop"},
        {"train", "--batch-size", "0"},
        {"train", "--lr", "-1"},
        {"train", "--init", "zeros"},
        {"train", "--device", "tpu"},
        {"train", "--device", "gpu", "--out", tmp.toString()},
        {"train", "--data", tmp.resolve("missing").toString()},
        {"train", "--train-limit", "0"},
        {"train", "--augment", "crop:scale=0.5-1.5"},
        {"train", "--augment", "twirl"},
        {"train", "--model", "alexnet", "--input", "32"},
        {"train", "--resume", tmp.resolve("missing").toString()},
        {"train", "--epochs", "many"},
        {"train", "--frobnicate"},
        {"train", "--preset", "nope"},
        {"train", "--preset", "lenet-quick", "--model", "alexnet"},
        {"runs", "show", tmp.resolve("missing").toString()},
        {"bench", "--batches", "0"},
        {"bench", "--model", "alexnet", "--input", "20"},
    };
    for (String[] args : bad) {
      Result r = cli(args);
      assertThat(r.code()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
      assertThat(r.err().strip()).as(String.join(" ", args)).isNotEmpty();
      assertThat(r.err().strip().lines().findFirst().orElse("")).as(String.join(" ", args)).isNotBlank();
    }
    assertThat(cli("train", "--device", "gpu", "--out", tmp.toString()).err()).contains("no CUDA GPU");
    assertThat(cli("train", "--optimizer", "rmsprop").err()).contains("sgd, sgd-momentum, adam");
    assertThat(cli("train", "--preset", "nope").err()).contains("lenet-quick").contains("alexnet-96-subset");
  }

  @Test
  void presetsAreListedAndAPresetIsChangedByTheOtherFlags() throws Exception {
    Result list = cli("train", "--list-presets");
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("lenet-quick").contains("LeNet quick demo").contains("alexnet-224-book");
    Result r = cli("train", "--preset", "lenet-quick", "--train-limit", "128", "--test-limit", "50", "--epochs", "1",
        "--out", tmp.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Path folder;
    try (var s = Files.list(tmp)) {
      folder = s.findFirst().orElseThrow();
    }
    var config = studio.convnet.engine.runs.RunFolder.readConfig(folder).config();
    assertThat(config.batchSize()).as("the preset's").isEqualTo(64);
    assertThat(config.filterEvery()).as("the preset's").isEqualTo(10);
    assertThat(config.maxTrainExamples()).as("the flag's").isEqualTo(128);

    Result shown = cli("runs", "show", folder.toString());
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("settings  SGD lr 0.9, batch 64, 1 epochs").contains("config format 2")
        .contains("finished after 1 of 1 epochs").contains("problems  none");
  }

  @Test
  void runsShowReadsTheRecordingsInAssets() throws Exception {
    Result r = cli("runs", "show", "../assets/runs/lenet-book-10-epochs");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("LeNet (d2l) (lenet) at 28 px: 61,706 parameters")
        .contains("settings  SGD lr 0.9, batch 256, 10 epochs").contains("config format 1")
        .contains("   10      ").contains("test accuracy 0.8162").contains("problems  none");
    assertThat(r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d\\.\\d{4}.*"))).hasSize(10);

    // a copy cut mid-line: the torn line is reported, the rest still shows
    Path cut = tmp.resolve("cut");
    Files.createDirectories(cut);
    Path src = Path.of("../assets/runs/lenet-book-10-epochs");
    try (var files = Files.walk(src)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = cut.resolve(src.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    String events = Files.readString(src.resolve("events.jsonl"));
    int mid = events.indexOf("{\"type\":\"EpochMetrics\",\"elapsed\"", events.length() / 2);
    Files.writeString(cut.resolve("events.jsonl"), events.substring(0, mid + 30)); // replaces the copy
    Result torn = cli("runs", "show", cut.toString());
    assertThat(torn.code()).as(torn.err()).isZero();
    assertThat(torn.out()).contains("no end recorded").contains("problems  1:")
        .contains("incomplete (30 bytes without a newline)");

    // lines of an event type from a newer version: counted and named, the run still shows
    String future = "{\"type\":\"GradientNorms\",\"elapsed\":1.0,\"norms\":[0.5]}\n";
    int second = events.indexOf('\n') + 1;
    Files.writeString(cut.resolve("events.jsonl"), events.substring(0, second) + future + events.substring(second)
        + future);
    Result newer = cli("runs", "show", cut.toString());
    assertThat(newer.code()).as(newer.err()).isZero();
    assertThat(newer.out()).contains("test accuracy 0.8162").contains("problems  1:")
        .contains("  - events.jsonl line 2 and 1 more line: unknown event type 'GradientNorms' (written by a newer"
            + " version of ConvNet Studio?); 2 events left out here, kept in the file");
  }

  @Test
  void benchReportsImagesPerSecondAndGflops() {
    Result r = cli("bench", "--model", "lenet", "--batch-size", "64", "--batches", "3", "--warmup", "1", "--no-peak", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"medianImagesPerSecond\"").contains("\"achievedGflops\"");
  }
}
