package studio.convnet.engine.train;

import ai.djl.engine.Engine;

/**
 * Loads DJL's PyTorch engine offline. The natives come from the {@code pytorch-native-*} jar on the
 * classpath (Maven), so nothing is downloaded: {@code ai.djl.offline} is set here, in code, before the
 * engine first loads.
 */
public final class EngineSupport {

  private static volatile Engine engine;

  private EngineSupport() {}

  /** Sets the offline flag (idempotent); call before anything touches DJL's engine. */
  public static void offline() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    // one thread pool for inter-op work: with 2 cores, extra pools only spin against each other
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    // OpenMP wait policy and malloc thresholds must be set before libtorch/libgomp load
    NativeTuning.apply();
    HeapTuning.apply(); // a flat heap over a long run with the default heap settings
  }

  public static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (EngineSupport.class) {
        if (engine == null) {
          offline();
          NativeTuning.apply(); // before libtorch/libgomp load: see NativeTuning
          engine = Engine.getEngine("PyTorch");
        }
        e = engine;
      }
    }
    return e;
  }
}
