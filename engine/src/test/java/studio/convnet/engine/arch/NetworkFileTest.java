package studio.convnet.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studio.convnet.engine.arch.NetworkFile.BadNetworkFileException;

class NetworkFileTest {

  @TempDir Path dir;

  static java.util.List<String> models() {
    return Zoo.all().stream().map(NetworkSpec::id).toList();
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyZooModelRoundTripsToTheSameSpecAndSummary(String id) throws Exception {
    NetworkSpec spec = Zoo.get(id);
    Path file = dir.resolve(id + NetworkFile.EXTENSION);
    NetworkFile.save(spec, file);
    NetworkSpec back = NetworkFile.load(file);
    assertThat(back).isEqualTo(spec);
    assertThat(Summaries.table(ShapeInference.infer(back, back.defaultInputSize())))
        .isEqualTo(Summaries.table(ShapeInference.infer(spec, spec.defaultInputSize())));
    assertThat(Files.readString(file)).startsWith("{\n  \"format\": \"convnet-studio-network\",\n  \"version\": 1,");
  }

  private String lenetText() {
    return NetworkFile.text(Zoo.lenet());
  }

  private String load(String text) throws Exception {
    Path file = dir.resolve("bad.network.json");
    Files.writeString(file, text);
    try {
      NetworkFile.load(file);
    } catch (BadNetworkFileException e) {
      assertThat(e.getMessage()).startsWith(file.toString() + ": ").doesNotContain("\n");
      return e.getMessage().substring(file.toString().length() + 2);
    }
    throw new AssertionError("loaded a bad file");
  }

  @Test
  void aTruncatedFileNamesTheLineWhereItEnds() throws Exception {
    String text = lenetText();
    String cut = text.substring(0, text.indexOf("\"conv2\""));
    assertThat(load(cut)).isEqualTo("line 34, column 15 (layers[3].name): the file ends too early (truncated?)");
  }

  @Test
  void aSyntaxErrorNamesLineAndColumn() throws Exception {
    String text = lenetText().replaceFirst("\"channels\": 6,", "\"channels\": 6,,");
    assertThat(load(text)).startsWith("line 14, column 22 (layers[0].channels): not valid JSON here");
  }

  @Test
  void anUnknownLayerKindIsRefusedNamingTheLayerAndTheKnownKinds() throws Exception {
    String text = lenetText().replaceFirst("\"\\$layer\": \"Conv\"", "\"\\$layer\": \"Conv3d\"");
    assertThat(load(text)).isEqualTo(
        "line 11: layers[0]: unknown layer kind 'Conv3d'; known kinds: Conv, Pool, Dense, Activation,"
            + " Dropout, Flatten, BatchNorm, GlobalAvgPool, Identity, Sequence, Concat, Residual");
  }

  @Test
  void aNegativeKernelNamesTheLayer() throws Exception {
    String text = lenetText().replaceFirst("\"kernel\": 5", "\"kernel\": -5");
    assertThat(load(text)).contains("layers[0] (conv1): conv1: kernel must be ≥ 1, got -5");
  }

  @Test
  void anUnknownFieldIsRefused() throws Exception {
    String text = lenetText().replaceFirst("\"kernel\": 5,", "\"kernel\": 5, \"dilation\": 2,");
    assertThat(load(text)).contains("layers[0] (conv1): unknown field 'dilation' for a Conv");
  }

  @Test
  void anotherVersionIsRefusedWithAMessage() throws Exception {
    String text = lenetText().replace("\"version\": 1,", "\"version\": 2,");
    assertThat(load(text)).isEqualTo(
        "network file version 2 is not supported; this ConvNet Studio reads version 1");
  }

  @Test
  void aFileWithoutTheHeaderIsNotANetworkFile() throws Exception {
    assertThat(load("{\"id\": \"x\"}")).startsWith("not a network file");
    assertThat(load("")).isEqualTo("the file is empty");
    assertThat(load("[1, 2]")).contains("expected a JSON object");
  }

  @Test
  void twoLayersWithTheSameNameAreRefused() throws Exception {
    String text = lenetText().replaceFirst("\"name\": \"conv2\"", "\"name\": \"conv1\"");
    assertThat(load(text)).contains("two layers are named 'conv1'");
  }

  @Test
  void aMissingFileIsOneLine() {
    assertThatThrownBy(() -> NetworkFile.load(dir.resolve("none.json")))
        .hasMessageEndingWith("none.json: no such file");
  }

  @Test
  void aHandWrittenFileReads() {
    NetworkSpec spec = NetworkFile.parse("""
        {"format": "convnet-studio-network", "version": 1,
         "id": "tiny", "title": "Tiny", "description": "", "inputChannels": 1,
         "defaultInputSize": 28, "numClasses": 10,
         "layers": [
           {"$layer": "Conv", "name": "c", "channels": 4, "kernel": 3, "stride": 1, "padding": 1},
           {"$layer": "activation", "name": "r", "fn": "relu"},
           {"$layer": "Flatten", "name": "f"},
           {"$layer": "Dense", "name": "out", "units": 10}
         ]}
        """, "tiny.json");
    assertThat(ShapeInference.infer(spec, 28).totalParams()).isEqualTo(40 + 4 * 28 * 28 * 10 + 10);
  }
}
