package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small network's batch trained as two halves at once: the same maths, deterministic, and only where it may. */
class HalfBatchesTest {

  static int threadsBefore;

  @BeforeAll
  static void twoThreads() {
    EngineSupport.engine();
    threadsBefore = JniUtils.getNumThreads();
    JniUtils.setNumThreads(2); // the halves need two PyTorch threads, whatever machine runs the test
  }

  @AfterAll
  static void restore() {
    JniUtils.setNumThreads(threadsBefore);
  }

  private static TrainingConfig.Builder lenet() {
    return TrainingConfig.bookDefaults("lenet").setBatchSize(64).setLearningRate(0.5).optDevice(DeviceChoice.CPU);
  }

  /** What 4 steps on fixed batches give: each step's loss and correct count, then every parameter. */
  private record Trained(List<Float> losses, List<Long> correct, List<float[]> params, float[] evaluated, String mode) {}

  private static Trained train(boolean mayHalve) {
    EngineSupport.engine().setRandomSeed(5);
    JniUtils.setGradMode(false);
    try (Trainers.Setup setup = Trainers.open(lenet().build(), Device.cpu(), mayHalve)) {
      NDManager mm = setup.trainer().getManager();
      List<Float> losses = new ArrayList<>();
      List<Long> correct = new ArrayList<>();
      NDArray xe = mm.randomUniform(0, 1, new Shape(50, 1, 28, 28));
      for (int i = 0; i < 4; i++) {
        try (NDManager bm = mm.newSubManager()) {
          NDArray x = bm.randomUniform(0, 1, new Shape(i == 3 ? 37 : 64, 1, 28, 28)); // an odd last batch
          NDArray y = bm.randomInteger(0, 10, new Shape(x.getShape().get(0)), DataType.INT64);
          Trainers.Step s = Trainers.step(setup, new NDList(x, y), true);
          losses.add(s.loss());
          correct.add(s.correct());
        }
      }
      List<float[]> params = new ArrayList<>();
      for (Parameter p : setup.block().getParameters().values()) params.add(p.getArray().toFloatArray());
      float[] evaluated = Trainers.evaluate(setup, new NDList(xe), Precision.FP32).toFloatArray();
      return new Trained(losses, correct, params, evaluated, setup.batchMode());
    }
  }

  @Test
  void halvesComputeWhatTheWholeBatchComputesAndRepeatBitForBit() {
    Trained whole = train(false);
    Trained halves = train(true);
    Trained again = train(true);
    assertThat(whole.mode()).isEqualTo("whole batches");
    assertThat(halves.mode()).isEqualTo("two half batches at once");
    for (int i = 0; i < 4; i++) {
      assertThat(halves.losses().get(i)).as("loss of step %d", i).isCloseTo(whole.losses().get(i), within(2e-5f));
    }
    assertThat(halves.correct()).isEqualTo(whole.correct());
    for (int i = 0; i < whole.params().size(); i++) {
      float[] w = whole.params().get(i);
      float[] h = halves.params().get(i);
      for (int j = 0; j < w.length; j++) {
        assertThat(h[j]).as("parameter %d[%d]", i, j).isCloseTo(w[j], within(2e-5f));
      }
    }
    for (int j = 0; j < whole.evaluated().length; j++) {
      assertThat(halves.evaluated()[j]).as("evaluated %d", j).isCloseTo(whole.evaluated()[j], within(1e-4f));
    }
    assertThat(whole.losses().get(3)).as("the steps learned something").isNotEqualTo(whole.losses().get(0));
    // seeded runs stay deterministic: a + b = b + a, whichever half finishes first
    assertThat(again.losses()).isEqualTo(halves.losses());
    for (int i = 0; i < halves.params().size(); i++) {
      assertThat(again.params().get(i)).as("parameter %d", i).containsExactly(halves.params().get(i));
    }
    assertThat(again.evaluated()).containsExactly(halves.evaluated());
  }

  @Test
  void theTrainingThreadGetsItsPyTorchThreadsBack() {
    train(true);
    assertThat(JniUtils.getNumThreads()).isEqualTo(2);
  }

  @Test
  void onlySmallFp32NetworksWithoutBatchNormOrDropoutOnTheCpuAreHalved() {
    Device cpu = Device.cpu();
    assertThat(HalfBatches.whyWhole(lenet().build(), cpu, 2)).isEmpty();
    assertThat(HalfBatches.whyWhole(lenet().build(), cpu, 1)).contains("one PyTorch thread");
    assertThat(HalfBatches.whyWhole(lenet().build(), Device.gpu(), 2)).contains("not on the CPU");
    assertThat(HalfBatches.whyWhole(lenet().setBatchSize(16).build(), cpu, 2)).contains("batch under 32");
    assertThat(HalfBatches.whyWhole(lenet().optPrecision(Precision.BF16).build(), cpu, 2)).contains("not fp32");
    assertThat(HalfBatches.whyWhole(TrainingConfig.bookDefaults("lenet-modern").build(), cpu, 2))
        .contains("batch norm");
    assertThat(HalfBatches.whyWhole(TrainingConfig.bookDefaults("alexnet").optInputSize(96).build(), cpu, 2))
        .contains("dropout");
    assertThat(HalfBatches.whyWhole(lenet().optInputSize(96).build(), cpu, 2).orElseThrow())
        .endsWith("M multiply-adds per image");
  }

  /** 12 steps on fixed batches; with {@code faultAt} >= 0 that step starts from a gradient full of garbage. */
  private static Object[] trainWithFault(int faultAt, boolean mayHalve, float garbage) {
    EngineSupport.engine().setRandomSeed(5);
    JniUtils.setGradMode(false);
    try (Trainers.Setup setup = Trainers.open(lenet().build(), Device.cpu(), mayHalve)) {
      NDManager mm = setup.trainer().getManager();
      List<Float> losses = new ArrayList<>();
      List<String> faults = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        try (NDManager bm = mm.newSubManager()) {
          NDArray x = bm.randomUniform(0, 1, new Shape(64, 1, 28, 28));
          NDArray y = bm.randomInteger(0, 10, new Shape(64), DataType.INT64);
          if (i == faultAt) { // as if the gradient's memory held garbage: the step adds into it
            Parameter w = setup.block().getParameters().valueAt(0);
            try (NDArray g = w.getArray().getGradient()) {
              g.addi(garbage);
            }
          }
          losses.add(Trainers.step(setup, new NDList(x, y), false).loss());
          faults.addAll(setup.takeFaults());
        }
      }
      List<float[]> params = new ArrayList<>();
      for (Parameter p : setup.block().getParameters().values()) params.add(p.getArray().toFloatArray());
      return new Object[] {losses, params, faults};
    }
  }

  @Test
  void aFaultyStepIsComputedAgainBeforeItsUpdateAndTheRunGoesOnAsIfNothingHappened() {
    Object[] clean = trainWithFault(-1, true, 0);
    Object[] faulty = trainWithFault(10, true, 3e30f);
    assertSameRun(clean, faulty);
  }

  /** Whole batches (as every network but the small ones) check only that the gradient is finite. */
  @Test
  void aWholeBatchStepWithANaNGradientIsComputedAgain() {
    Object[] clean = trainWithFault(-1, false, 0);
    Object[] faulty = trainWithFault(10, false, Float.NaN);
    assertSameRun(clean, faulty);
  }

  @SuppressWarnings("unchecked")
  private static void assertSameRun(Object[] clean, Object[] faulty) {
    assertThat((List<String>) clean[2]).isEmpty();
    assertThat((List<String>) faulty[2]).singleElement().asString().contains("computed again");
    assertThat((List<Float>) faulty[0]).isEqualTo(clean[0]); // bit for bit: the second result was used
    List<float[]> a = (List<float[]>) clean[1], b = (List<float[]>) faulty[1];
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i)).as("parameter %d", i).isEqualTo(a.get(i));
    }
  }

  @Test
  void theCheckAcceptsSteadyGradientsAndRefusesNonFiniteOrAThousandfoldJump() {
    GradientCheck c = new GradientCheck();
    assertThat(c.plausible(2.3f, 1e6)).isTrue(); // no history yet: only finiteness
    assertThat(c.plausible(Float.NaN, 1)).isFalse();
    assertThat(c.plausible(2.3f, Double.POSITIVE_INFINITY)).isFalse();
    for (int i = 0; i < GradientCheck.MIN_HISTORY; i++) c.accept(4.0 + i % 3);
    assertThat(c.plausible(2.3f, 5.0 * 1e5)).isTrue(); // norm ×~300 (squared ×1e5): a steep step, not a fault
    assertThat(c.plausible(2.3f, 5.0 * 1e7)).isFalse(); // norm ×~3000
  }
}
