package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SummaryCommandTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ConvNetCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void printsTheAlexnetTableWithTotals() {
    Result r = run("summary", "alexnet", "--input", "224");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("conv1").contains("96×54×54").contains("46,764,746");
  }

  @Test
  void jsonHasLayersWithShapesAndTotals() {
    Result r = run("summary", "lenet", "--input", "28", "--json");
    assertThat(r.code()).isZero();
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertThat(o.get("params").getAsLong()).isEqualTo(61_706);
    assertThat(o.get("macs").getAsLong()).isPositive();
    var first = o.getAsJsonArray("layers").get(0).getAsJsonObject();
    assertThat(first.get("name").getAsString()).isEqualTo("conv1");
    assertThat(first.get("type").getAsString()).isEqualTo("Conv2d");
    assertThat(first.getAsJsonArray("outputShape").toString()).isEqualTo("[6,28,28]");
    assertThat(first.get("params").getAsLong()).isEqualTo(156);
  }

  @Test
  void unknownModelExitsTwoWithOneLine() {
    Result r = run("summary", "resnet-9000");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: unknown model 'resnet-9000'").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void impossibleInputExitsTwoNamingTheLayer() {
    Result r = run("summary", "alexnet", "--input", "32");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).contains("layer pool2").doesNotContain("\n").doesNotContain("at studio.");
  }

  @Test
  void badFlagExitsTwo() {
    assertThat(run("summary", "alexnet", "--input", "big").code()).isEqualTo(2);
  }

  @Test
  void listsTheZoo() {
    Result r = run("summary", "--list");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("lenet").contains("lenet-modern").contains("alexnet");
  }
}
