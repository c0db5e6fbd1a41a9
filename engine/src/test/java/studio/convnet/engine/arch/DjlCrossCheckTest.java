package studio.convnet.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.train.EngineSupport;

/**
 * Our plain-Java shapes and parameter counts against DJL/PyTorch's own: every unit's output shape and
 * trainable parameters (a unit is a layer, or a whole Inception or residual block), every leaf inside
 * the plain sequences, and the whole network's parameter count, for every zoo model at its default
 * input size and at one other size.
 */
class DjlCrossCheckTest {

  @ParameterizedTest
  @CsvSource({"lenet,28", "lenet,96", "lenet-modern,28", "alexnet,224", "alexnet,96", "vgg11,224",
      "vgg11,64", "vgg11-small,224", "vgg11-small,96", "nin,224", "nin,96", "googlenet,96",
      "googlenet,224", "resnet18,96", "resnet18,224", "densenet,96", "densenet,64"})
  void everyUnitShapeAndParameterCountMatchesDjl(String model, int size) {
    EngineSupport.engine();
    NetworkSpec spec = Zoo.get(model);
    Summary ours = ShapeInference.infer(spec, size);
    assertThat(ours.ok()).as("%s at %d: %s", model, size, ours.error()).isTrue();
    ToDjl.NamedSequentialBlock net = ToDjl.build(spec);
    List<Pair<String, Block>> children = net.getChildren().stream().toList();
    List<LayerSpec> units = spec.units();
    assertThat(children).hasSameSizeAs(units);

    try (NDManager manager = NDManager.newBaseManager()) {
      Shape in = new Shape(2, 1, size, size);
      net.initialize(manager, DataType.FLOAT32, in);
      Shape shape = in;
      for (int i = 0; i < children.size(); i++) {
        String path = units.get(i).name();
        Block child = children.get(i).getValue();
        assertThat(children.get(i).getKey()).endsWith(path.replace('/', '.'));
        shape = child.getOutputShapes(new Shape[] {shape})[0];
        long[] djl = Arrays.copyOfRange(shape.getShape(), 1, shape.dimension());
        int[] expected = ours.outShape(path).orElseThrow();
        assertThat(djl).as("%s %s output", model, path)
            .containsExactly(Arrays.stream(expected).asLongStream().toArray());
        long params = ours.block(path).map(b -> b.params())
            .orElseGet(() -> ours.row(path).orElseThrow().params());
        assertThat(trainable(child)).as("%s %s parameters", model, path).isEqualTo(params);
      }
      assertThat(trainable(net)).as("%s total parameters", model).isEqualTo(ours.totalParams());
      assertThat(shape.getShape()).as("%s logits", model).containsExactly(2, 10);
    }
  }

  private static long trainable(Block b) {
    return b.getParameters().values().stream()
        .filter(Parameter::requiresGradient)
        .mapToLong(p -> p.getArray().size())
        .sum();
  }
}
