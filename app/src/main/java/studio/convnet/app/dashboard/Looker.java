package studio.convnet.app.dashboard;

import java.util.List;
import java.util.function.Consumer;
import studio.convnet.engine.events.RunEvent.LookMaps;

/**
 * Works out where a network looks at a test image after the fact: a recording's final weights,
 * for the maps its events do not hold. Never blocks the caller; the answer comes on another thread.
 */
public interface Looker {

  /** What answers, e.g. "the recording's final weights (lenet-quick-weights)". */
  String source();

  /**
   * The maps of test image {@code testIndex} for class {@code cls}: its saliency, and its class
   * activation map where the network ends in global average pooling.
   *
   * @param done receives the maps (any thread)
   * @param failed receives a reason when it cannot (any thread)
   */
  void look(int testIndex, int cls, Consumer<List<LookMaps>> done, Consumer<String> failed);
}
