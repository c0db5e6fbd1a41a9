package studio.convnet.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

public class EventCodecTest {

  public static List<RunEvent> samples() {
    RunConfig cfg = new RunConfig(RunConfig.FORMAT, "lenet", 28, 256, 0.9, "SGD", 0.9, 0.0005, 10, "XAVIER", 42, 1000,
        0, "cpu", "/data/kmnist", 50, 5, new int[] {3, 1}, List.of("hflip", "crop:scale=0.6..1"), "bf16");
    return List.of(
        new RunEvent.RunStarted(0.1, "r1", "lenet", "LeNet (d2l)", 28, cfg, "CPU", 100, 50, 2,
            List.of("a", "b"), 61706, 416520, 0),
        new RunEvent.BatchMetrics(1.0 / 3, 1, 2, 2, 2, 2.302585092994046, 0.1171875, 12345.678),
        new RunEvent.EpochMetrics(2.5, 1, 1.5, 0.4, Double.NaN, 1.25),
        new RunEvent.FilterSnapshot(3, 1, 2, 2, "conv1", new int[] {2, 1, 2, 2},
            new float[] {0.1f, -1e-8f, Float.MIN_VALUE, 3.4028235e38f, 1f / 3, -0f, 7, 8}),
        new RunEvent.ActivationSnapshot(4, 1, 2, 17, 3, 2, new float[] {0, 0.5f, 1, 0.25f},
            List.of(new RunEvent.LayerActivation("conv1", "Conv2d", new int[] {1, 2, 2}, new float[] {1, 2, 3, Float.NaN})),
            new float[] {0.9f, 0.1f}),
        new RunEvent.ConfusionMatrix(5, 1, new int[][] {{3, 1}, {0, 4}}, new int[] {0, 5, 7}, new int[] {1, 1, 0}),
        new RunEvent.TopPatches(5.5, 1, 2, "conv1", 2, new int[] {0}, new int[] {1, 1, 2},
            new int[] {17, -1}, new float[] {2.5f, 0}, new float[] {0.25f, 1, 0, 0}),
        new RunEvent.RunPaused(6, 1, 2),
        new RunEvent.RunResumed(7, 1, 2),
        new RunEvent.RunFailed(8, 1, 2, "the loss became NaN \"quoted\" <html>"),
        new RunEvent.RunFinished(9, false, 1, Double.NaN));
  }

  @Test
  void everyEventRoundTripsExactlyThroughOneJsonLine() {
    for (RunEvent e : samples()) {
      String line = EventCodec.toJson(e);
      assertThat(line).startsWith("{\"type\":\"" + e.getClass().getSimpleName() + "\"").doesNotContain("\n");
      SameEvents.assertSame(EventCodec.fromJson(line), e);
    }
  }

  @Test
  void longArraysAndNonFiniteFloatsRoundTripInlineAndAsSidecarReferences() {
    int[] ids = java.util.stream.IntStream.range(-20, 50).toArray(); // past the reader's first buffer
    float[] acts = new float[100];
    for (int i = 0; i < acts.length; i++) {
      acts[i] = i % 4 == 0 ? Float.POSITIVE_INFINITY : i % 4 == 1 ? Float.NEGATIVE_INFINITY : i % 4 == 2 ? Float.NaN : i / 7f;
    }
    RunEvent e = new RunEvent.TopPatches(1, 1, 2, "conv1", 2, ids, new int[] {1, 1, 2}, ids, acts, acts);
    String inline = EventCodec.toJson(e);
    assertThat(inline).contains("Infinity,-Infinity,NaN,0.42857143");
    SameEvents.assertSame(EventCodec.fromJson(inline), e);

    // through a sidecar: floats as float32, ints marked int32, each read back by its own kind
    java.util.Map<String, float[]> floats = new java.util.HashMap<>();
    java.util.Map<String, int[]> ints = new java.util.HashMap<>();
    EventCodec.ArraySink sink = new EventCodec.ArraySink() {
      @Override
      public EventCodec.Ref put(float[] values) {
        floats.put("f" + floats.size(), values);
        return new EventCodec.Ref("f" + (floats.size() - 1), 0);
      }

      @Override
      public EventCodec.Ref putInts(int[] values) {
        ints.put("i" + ints.size(), values);
        return new EventCodec.Ref("i" + (ints.size() - 1), 0);
      }
    };
    EventCodec.ArraySource source = new EventCodec.ArraySource() {
      @Override
      public float[] get(String bin, long offset, int length) {
        return floats.get(bin);
      }

      @Override
      public int[] getInts(String bin, long offset, int length) {
        return ints.get(bin);
      }
    };
    EventCodec codec = EventCodec.withSidecars(sink, source);
    String line = codec.encode(e);
    assertThat(line).contains("{\"$bin\":\"i0\",\"offset\":0,\"length\":70,\"dtype\":\"int32\"}")
        .contains("{\"$bin\":\"f0\",\"offset\":0,\"length\":100}").doesNotContain("Infinity");
    assertThat(ints).hasSize(3);
    assertThat(floats).hasSize(2);
    SameEvents.assertSame(codec.decode(line), e);
  }

  @Test
  void badLinesAreReportedClearly() {
    assertThatThrownBy(() -> EventCodec.fromJson("{\"type\":\"Nope\",\"elapsed\":1}")).hasMessageContaining("unknown event type 'Nope'");
    assertThatThrownBy(() -> EventCodec.fromJson("[1,2]")).hasMessageContaining("not an event");
    assertThatThrownBy(() -> EventCodec.fromJson("{\"type\":\"RunPaused\",\"elapsed\":1")).isInstanceOf(RuntimeException.class);
  }
}
