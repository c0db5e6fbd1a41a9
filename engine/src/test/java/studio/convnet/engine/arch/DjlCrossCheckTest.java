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
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.train.EngineSupport;

/** Our plain-Java shapes and parameter counts against DJL/PyTorch's own, layer by layer. */
class DjlCrossCheckTest {

  @ParameterizedTest
  @CsvSource({"lenet,28", "lenet,96", "lenet-modern,28", "alexnet,224", "alexnet,96", "vgg11,64"})
  void everyLayerShapeAndParameterCountMatchesDjl(String model, int size) {
    EngineSupport.engine();
    NetworkSpec spec = Zoo.get(model);
    Summary ours = ShapeInference.infer(spec, size);
    assertThat(ours.ok()).isTrue();
    ToDjl.NamedSequentialBlock net = ToDjl.build(spec);
    List<Pair<String, Block>> children = net.getChildren().stream().toList();
    assertThat(children).hasSameSizeAs(ours.rows());

    try (NDManager manager = NDManager.newBaseManager()) {
      Shape in = new Shape(2, 1, size, size);
      net.initialize(manager, DataType.FLOAT32, in);
      Shape shape = in;
      for (int i = 0; i < children.size(); i++) {
        LayerRow row = ours.rows().get(i);
        Block child = children.get(i).getValue();
        assertThat(children.get(i).getKey()).endsWith(row.name().replace('/', '.'));
        shape = child.getOutputShapes(new Shape[] {shape})[0];
        long[] djl = Arrays.copyOfRange(shape.getShape(), 1, shape.dimension());
        assertThat(djl).as("%s %s output", model, row.name())
            .containsExactly(Arrays.stream(row.outShape()).asLongStream().toArray());
        long trainable = child.getParameters().values().stream()
            .filter(Parameter::requiresGradient)
            .mapToLong(p -> p.getArray().size())
            .sum();
        assertThat(trainable).as("%s %s parameters", model, row.name()).isEqualTo(row.params());
      }
    }
  }
}
