package studio.convnet.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.train.EngineSupport;

/**
 * The exported DJL code, compiled in this JVM and run: its block has the spec's units, each with the
 * output shape and parameter count of our summary. The PyTorch export is checked as text (no Python
 * here): the book's layers, in order.
 */
class CodeExportTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"lenet,28", "nin,96", "googlenet,64", "resnet18,64", "densenet,64"})
  void exportedDjlCodeBuildsTheSameNetwork(String model, int size) throws Exception {
    EngineSupport.engine();
    NetworkSpec spec = Zoo.get(model);
    SequentialBlock net = compileAndBuild(spec);
    Summary ours = ShapeInference.infer(spec, size);
    List<Pair<String, Block>> children = net.getChildren().stream().toList();
    List<LayerSpec> units = spec.units();
    assertThat(children).hasSameSizeAs(units);
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(2, 1, size, size);
      net.initialize(manager, DataType.FLOAT32, shape);
      for (int i = 0; i < children.size(); i++) {
        String path = units.get(i).name();
        Block child = children.get(i).getValue();
        shape = child.getOutputShapes(new Shape[] {shape})[0];
        long[] expected = Arrays.stream(ours.outShape(path).orElseThrow()).asLongStream().toArray();
        assertThat(Arrays.copyOfRange(shape.getShape(), 1, shape.dimension()))
            .as("%s %s", model, path).containsExactly(expected);
      }
      long params = net.getParameters().values().stream().filter(Parameter::requiresGradient)
          .mapToLong(p -> p.getArray().size()).sum();
      assertThat(params).isEqualTo(ours.totalParams());
    }
  }

  /**
   * The exported code computes what the engine computes, given the same weights: GoogLeNet's 5×5
   * paths have 24 input channels, which PyTorch 2.5.1's oneDNN gets wrong on this machine's CPU
   * unless the channels are padded (ToDjl.ChannelAlignedConv2d; the export carries the same padding).
   */
  @Test
  void exportedDjlCodeComputesWhatTheEngineComputes() throws Exception {
    EngineSupport.engine();
    NetworkSpec spec = Zoo.get("googlenet");
    SequentialBlock exported = compileAndBuild(spec);
    Block engine = ToDjl.build(spec);
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(4, 1, 64, 64);
      exported.initialize(manager, DataType.FLOAT32, shape);
      engine.initialize(manager, DataType.FLOAT32, shape);
      List<Parameter> a = engine.getParameters().values(), b = exported.getParameters().values();
      assertThat(b).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).getArray().getShape()).isEqualTo(a.get(i).getArray().getShape());
        b.get(i).getArray().set(a.get(i).getArray().toFloatArray());
      }
      ai.djl.ndarray.NDArray x = manager.randomUniform(0, 1, shape);
      ai.djl.training.ParameterStore store = new ai.djl.training.ParameterStore(manager, false);
      float[] want = engine.forward(store, new ai.djl.ndarray.NDList(x), false).singletonOrThrow().toFloatArray();
      float[] got = exported.forward(store, new ai.djl.ndarray.NDList(x), false).singletonOrThrow().toFloatArray();
      double worst = 0, scale = 1e-6;
      for (int i = 0; i < want.length; i++) {
        worst = Math.max(worst, Math.abs(got[i] - want[i]));
        scale = Math.max(scale, Math.abs(want[i]));
      }
      assertThat(worst / scale).as("largest difference relative to the largest output").isLessThan(1e-4);
    }
  }

  private SequentialBlock compileAndBuild(NetworkSpec spec) throws Exception {
    String name = CodeExport.className(spec);
    String code = CodeExport.djl(spec);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(problems, null, null)) {
      JavaFileObject source = new SimpleJavaFileObject(
          URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return code;
        }
      };
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      boolean ok = javac.getTask(null, files, problems,
          List.of("-classpath", cp, "-d", dir.toString(), "-proc:none"), null, List.of(source)).call();
      assertThat(ok).as("%s\n%s", problems.getDiagnostics(), code).isTrue();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      return (SequentialBlock) loader.loadClass(name).getMethod("build").invoke(null);
    }
  }

  @Test
  void pytorchExportIsTheBooksLenet() {
    String py = CodeExport.pytorch(Zoo.lenet());
    assertThat(py).contains("""
        net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2),  # conv1
            nn.Sigmoid(),  # sigmoid1
            nn.AvgPool2d(kernel_size=2, stride=2),  # pool1
            nn.LazyConv2d(16, kernel_size=5),  # conv2
        """).contains("nn.Flatten(),").contains("nn.LazyLinear(10),  # fc3")
        .contains("X = torch.zeros(1, 1, 28, 28)").doesNotContain("class Residual");
  }

  @Test
  void pytorchExportOfAGraphNetworkDefinesItsBlocks() {
    String py = CodeExport.pytorch(Zoo.get("resnet18"));
    assertThat(py).contains("class Residual(nn.Module)").contains("class Concat(nn.Module)")
        .contains("Residual(  # unit1").contains("nn.LazyBatchNorm2d(),  # bn1")
        .contains("nn.AdaptiveAvgPool2d((1, 1)),  # gap");
    long open = py.chars().filter(c -> c == '(').count();
    assertThat(py.chars().filter(c -> c == ')').count()).isEqualTo(open);
  }

  @Test
  void classNamesAreJavaIdentifiers() {
    assertThat(CodeExport.className(Zoo.get("lenet-modern"))).isEqualTo("LenetModern");
    assertThat(CodeExport.className(Zoo.lenet().withIdentity("28px alexnet!", "x", ""))).isEqualTo("Net28pxAlexnet");
  }
}
