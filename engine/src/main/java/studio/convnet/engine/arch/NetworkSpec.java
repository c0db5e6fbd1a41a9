package studio.convnet.engine.arch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A whole network: its zoo id, title, description, the input it expects and its layers in order.
 *
 * @param id short id used by the CLI and run folders ("alexnet")
 * @param title human title ("AlexNet (d2l)")
 * @param description what it is, from the book, with any deviation explained
 * @param inputChannels channels of the input image (1 for FashionMNIST)
 * @param defaultInputSize the side length the book trains it at
 * @param numClasses outputs of the last layer
 * @param layers the layers, in order
 */
public record NetworkSpec(
    String id,
    String title,
    String description,
    int inputChannels,
    int defaultInputSize,
    int numClasses,
    List<LayerSpec> layers) {

  public NetworkSpec {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException(id + ": a network needs at least one layer");
    }
    Set<String> seen = new HashSet<>();
    for (LayerSpec l : flatten(layers)) {
      if (!seen.add(l.name())) {
        throw new IllegalArgumentException(id + ": two layers are named '" + l.name() + "'");
      }
    }
  }

  /** The leaf layers in order, composite blocks expanded, children named {@code block/child}. */
  public List<LayerSpec> leaves() {
    return flatten(layers);
  }

  /** Returns a copy with the named layer replaced (used by the explorer's live editing). */
  public NetworkSpec withLayer(String name, UnaryOperator<LayerSpec> change) {
    List<LayerSpec> out = new ArrayList<>();
    boolean found = false;
    for (LayerSpec l : layers) {
      if (l.name().equals(name)) {
        out.add(change.apply(l));
        found = true;
      } else {
        out.add(l);
      }
    }
    if (!found) {
      throw new IllegalArgumentException(id + ": no layer named '" + name + "'");
    }
    return new NetworkSpec(id, title, description, inputChannels, defaultInputSize, numClasses, out);
  }

  /** The first convolution, whose weights are the "learned filters" the app shows. */
  public LayerSpec.Conv firstConv() {
    return leaves().stream()
        .filter(LayerSpec.Conv.class::isInstance)
        .map(LayerSpec.Conv.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(id + " has no convolution"));
  }

  private static List<LayerSpec> flatten(List<LayerSpec> layers) {
    List<LayerSpec> out = new ArrayList<>();
    for (LayerSpec l : layers) {
      if (l instanceof LayerSpec.Sequence s) {
        for (LayerSpec child : flatten(s.layers())) {
          out.add(child.withName(s.name() + "/" + child.name()));
        }
      } else {
        out.add(l);
      }
    }
    return out;
  }
}
