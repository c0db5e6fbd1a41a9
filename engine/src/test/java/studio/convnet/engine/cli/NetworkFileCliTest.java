package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkFile;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.cli.TrainCommandTest.Result;
import studio.convnet.engine.runs.RunFolder;

/** summary --save-network, summary --network, --code and train --network. */
class NetworkFileCliTest {

  @TempDir Path tmp;

  private static Result cli(String... args) {
    return TrainCommandTest.cli(args);
  }

  @Test
  void aSavedZooModelSummarisesLikeTheZooModel() throws Exception {
    Path file = tmp.resolve("alexnet.network.json");
    Result saved = cli("summary", "alexnet", "--input", "96", "--save-network", file.toString());
    assertThat(saved.code()).as(saved.err()).isZero();
    assertThat(saved.err()).contains("wrote ");
    Result again = cli("summary", "--network", file.toString(), "--input", "96");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo(saved.out());
  }

  @Test
  void badNetworkFilesExitTwoWithOneLineNamingTheFile() throws Exception {
    String good = NetworkFile.text(Zoo.lenet());
    String[][] cases = {
        {"truncated", good.substring(0, good.length() / 2), "ends too early"},
        {"unknown-kind", good.replaceFirst("\"Pool\"", "\"Pool3d\""), "unknown layer kind 'Pool3d'"},
        {"negative-kernel", good.replaceFirst("\"kernel\": 5", "\"kernel\": -1"), "kernel must be ≥ 1"},
        {"wrong-version", good.replace("\"version\": 1", "\"version\": 7"), "version 7 is not supported"},
        {"unknown-field", good.replaceFirst("\"units\": 120", "\"units\": 120, \"bias\": false"), "unknown field 'bias'"},
    };
    for (String[] c : cases) {
      Path file = tmp.resolve(c[0] + ".json");
      Files.writeString(file, c[1]);
      for (String cmd : new String[] {"summary", "train"}) {
        Result r = cli(cmd, "--network", file.toString(), "--epochs", "1", "--out", tmp.resolve("runs").toString());
        if (cmd.equals("summary")) {
          r = cli(cmd, "--network", file.toString());
        }
        assertThat(r.code()).as("%s %s: %s", cmd, c[0], r.err()).isEqualTo(2);
        assertThat(r.err().strip()).as(c[0]).startsWith("error: " + file + ": ").contains(c[2])
            .doesNotContain("\n").doesNotContain("Exception");
      }
    }
    assertThat(tmp.resolve("runs")).doesNotExist();
  }

  @Test
  void codeIsPrintedInEitherLanguage() {
    assertThat(cli("summary", "lenet", "--code", "pytorch").out()).contains("nn.Sequential(");
    assertThat(cli("summary", "lenet", "--code", "djl").out()).contains("public final class Lenet");
    Result bad = cli("summary", "lenet", "--code", "cobol");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--code must be pytorch or djl");
  }

  @Test
  void trainTakesANetworkFileAndTheRunRecordsIt() throws Exception {
    NetworkSpec relu = Zoo.lenet().withIdentity("lenet-relu", "LeNet with ReLU", "a variant")
        .withLayer("sigmoid1", l -> new LayerSpec.Activation("relu1", LayerSpec.Fn.RELU));
    Path file = tmp.resolve("lenet-relu.network.json");
    NetworkFile.save(relu, file);
    Result r = cli("train", "--network", file.toString(), "--train-limit", "256", "--test-limit", "64",
        "--epochs", "1", "--batch-size", "64", "--out", tmp.resolve("runs").toString());
    assertThat(r.code()).as(r.err()).isZero();
    Path folder;
    try (var s = Files.list(tmp.resolve("runs"))) {
      folder = s.findFirst().orElseThrow();
    }
    assertThat(folder.getFileName().toString()).contains("lenet-relu");
    assertThat(RunFolder.readConfig(folder).spec()).isEqualTo(relu);
  }
}
