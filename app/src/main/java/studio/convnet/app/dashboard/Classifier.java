package studio.convnet.app.dashboard;

import java.util.function.Consumer;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;

/**
 * Something that can put your own image through a network: the live run (between two batches) or a
 * recording's final weights. Never blocks the caller; the answer comes on another thread.
 */
public interface Classifier {

  /** What answers, e.g. "the live run, as it is now" (shown under the pad). */
  String source();

  /**
   * Classifies {@code pixels} (side × side, in [0, 1], bright object on black).
   *
   * @param done receives every layer's output and the probabilities (any thread)
   * @param failed receives a reason when it cannot (any thread)
   */
  /** True for a run that trains now: its answer to the same picture changes as its weights do. */
  default boolean live() {
    return false;
  }

  void classify(float[] pixels, int side, Consumer<ActivationSnapshot> done, Consumer<String> failed);
}
