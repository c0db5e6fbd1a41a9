package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.events.RunEvent.RunFinished;
import studio.convnet.engine.train.TestData.Recorder;

/** The chapter's graph networks train through the same session: filters, block activations, presets. */
class ChapterTrainingTest {

  @ParameterizedTest
  @CsvSource({"googlenet,b1/conv,b3/inception3a,480,b2/conv1,0", "resnet18,b1/conv,b3/unit1,128,b2/unit1,0",
      "nin,nin1/conv1,nin1/conv3,96,nin1/conv2,0", "densenet,b1/conv,dense_blk1/conv4,192,dense_blk1/conv1,64"})
  void aTinyRunShowsTheFirstConvAndEveryBlocksOutput(String model, String conv, String unit, int channels,
      String deeper, int firstChannel) throws Exception {
    int size = model.equals("nin") ? 96 : 32;
    TrainingConfig c = TestData.quick().setModel(model).optInputSize(size).setEpochs(1)
        .optMaxTrainExamples(64).optMaxTestExamples(32).setBatchSize(32).optProbeIndices(new int[] {0})
        .build();
    TrainingSession s = new TrainingSession(c);
    Recorder r = new Recorder();
    s.dataset(TestData.fashion()).addListener(r);
    s.start();
    assertThat(s.await(120, TimeUnit.SECONDS)).isTrue();

    assertThat(r.of(RunFinished.class)).hasSize(1);
    assertThat(r.of(EpochMetrics.class).get(0).trainLoss()).isFinite();
    FilterSnapshot f = r.of(FilterSnapshot.class).get(0);
    assertThat(f.layer()).isEqualTo(conv);
    ActivationSnapshot a = r.of(ActivationSnapshot.class).get(0);
    assertThat(a.layers()).extracting(l -> l.layer()).containsExactlyElementsOf(
        c.spec().units().stream().map(u -> u.name()).toList());
    var block = a.layers().stream().filter(l -> l.layer().equals(unit)).findFirst().orElseThrow();
    assertThat(block.shape()[0]).isEqualTo(model.equals("googlenet") ? 256 : channels);
    int[] expected = ShapeInference.infer(c.spec(), size).outShape(unit).orElseThrow();
    assertThat(block.shape()).containsExactly(expected);

    // global average pooling: class maps for every class over the last feature maps, and saliency
    var cam = r.of(LookMaps.class).stream().filter(l -> l.method().equals(LookMaps.CAM)).findFirst().orElseThrow();
    assertThat(cam.classes()).hasSize(10);
    assertThat(cam.testIndex()).isZero();
    int[] last = ShapeInference.infer(c.spec(), size).outShape(cam.layer()).orElseThrow();
    assertThat(cam.mapShape()).containsExactly(last[1], last[2]);
    assertThat(r.of(LookMaps.class)).anyMatch(l -> l.method().equals(LookMaps.SALIENCY)
        && l.mapShape()[0] == size);

    // top patches of the first convolution and of the next convolution or block
    var patches = r.of(studio.convnet.engine.events.RunEvent.TopPatches.class);
    assertThat(patches).extracting(p -> p.layer()).containsExactly(conv, deeper);
    var deep = patches.get(1);
    assertThat(deep.channelIds()[0]).as("a dense block's own channels come after those it passes on").isEqualTo(firstChannel);
    assertThat(deep.channelIds()).hasSize(24);
    int side = studio.convnet.engine.insight.ReceptiveField.of(c.spec().units(),
        c.spec().units().stream().map(u -> u.name()).toList().indexOf(deeper)).orElseThrow().size();
    assertThat(deep.patchShape()).containsExactly(1, side, side);
  }

  @ParameterizedTest
  @CsvSource({"vgg11-small,0.01,224", "nin,0.05,224", "googlenet,0.01,96", "resnet18,0.01,96",
      "densenet,0.01,96"})
  void everyChapterNetworkHasTheBooksPresetAndACpuPreset(String model, double lr, int size) {
    TrainingConfig book = Presets.get(model + "-book").config();
    assertThat(book.learningRate()).isEqualTo(lr);
    assertThat(book.batchSize()).isEqualTo(128);
    assertThat(book.epochs()).isEqualTo(10);
    assertThat(book.inputSize()).isEqualTo(size);
    assertThat(book.optimizer()).isEqualTo(TrainingConfig.OptimizerKind.SGD);
    TrainingConfig cpu = Presets.get(model + "-cpu").config();
    assertThat(cpu.inputSize()).isLessThan(size);
    assertThat(ShapeInference.infer(cpu.spec(), cpu.inputSize()).ok()).isTrue();
    assertThat(Presets.models()).contains(model);
    assertThat(List.of(Presets.get(model + "-cpu").note())).allMatch(n -> n.contains("the book"));
  }
}
