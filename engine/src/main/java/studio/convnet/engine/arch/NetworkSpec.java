package studio.convnet.engine.arch;

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
    for (LayerSpec l : Graph.leaves(layers)) {
      if (!seen.add(l.name())) {
        throw new IllegalArgumentException(id + ": two layers are named '" + l.name() + "'");
      }
    }
  }

  /** The leaf layers in order, every block opened, each renamed to its path ({@code b3/inception3a/b2/conv2}). */
  public List<LayerSpec> leaves() {
    return Graph.leaves(layers);
  }

  /**
   * The units a forward pass runs one after another, named by path: sequences opened, a concat or
   * residual unit kept whole. For a plain stack of layers these are its leaves.
   */
  public List<LayerSpec> units() {
    return Graph.units(layers);
  }

  /** The layer or block at {@code path}, under its short name. */
  public java.util.Optional<LayerSpec> find(String path) {
    return Graph.find(layers, path);
  }

  /** Returns a copy with the layer at {@code path} replaced (the explorer's live editing). */
  public NetworkSpec withLayer(String path, UnaryOperator<LayerSpec> change) {
    try {
      return withLayers(Graph.replace(layers, path, change));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
    }
  }

  /** Returns a copy with other layers (same id, title and input). */
  public NetworkSpec withLayers(List<LayerSpec> newLayers) {
    return new NetworkSpec(id, title, description, inputChannels, defaultInputSize, numClasses, newLayers);
  }

  /** Returns a copy under another id, title and description (a variant of this network). */
  public NetworkSpec withIdentity(String newId, String newTitle, String newDescription) {
    return new NetworkSpec(newId, newTitle, newDescription, inputChannels, defaultInputSize, numClasses, layers);
  }

  /** Returns a copy that expects another input side length. */
  public NetworkSpec withInputSize(int size) {
    return new NetworkSpec(id, title, description, inputChannels, size, numClasses, layers);
  }

  /** The first convolution a forward pass meets, by path: the "learned filters" the app shows. */
  public LayerSpec.Conv firstConv() {
    return leaves().stream()
        .filter(LayerSpec.Conv.class::isInstance)
        .map(LayerSpec.Conv.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(id + " has no convolution"));
  }
}
