package studio.convnet.app.training;

import java.util.Arrays;
import java.util.stream.Collectors;
import studio.convnet.engine.data.augment.AugmentationPipeline;

/**
 * The Training form's two text fields as values, and the engine's validation message as a status
 * line. Only parsing lives here: what is valid is TrainingConfig's to say.
 */
final class SettingsText {

  private SettingsText() {}

  /** Probe test images from text like "0, 7 42" (empty: the engine's default). */
  static int[] probes(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return new int[0];
    }
    String[] parts = t.split("[,;\\s]+");
    int[] r = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        r[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Probe images: '" + parts[i] + "' is not a test image number");
      }
    }
    return r;
  }

  static String probes(int[] indices) {
    return Arrays.stream(indices).mapToObj(String::valueOf).collect(Collectors.joining(", "));
  }

  /** The pipeline in the syntax of {@code train --augment} (empty: none). */
  static AugmentationPipeline augmentation(String text) {
    try {
      return AugmentationPipeline.parse(text == null ? "" : text.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Augmentation: " + e.getMessage(), e);
    }
  }

  /** One line for the status bar: the engine's message, capitalised, ending with a full stop. */
  static String problem(IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage()).strip();
    if (m.isEmpty()) {
      return "These settings cannot be trained.";
    }
    m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
    return m.endsWith(".") ? m : m + ".";
  }
}
