package studio.convnet.app.augmentation;

import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;

/**
 * The augmentation lab's part in a lesson: the state its step sets up (the first test image, AlexNet's
 * 224×224 input, the lab's crop-and-flip pipeline, seed 1 — the same draws every time) and a snapshot
 * of what the teacher had, to give back when the lesson ends.
 */
public final class LabSetup {

  /** The pipeline the lesson shows: a crop and a flip, as AlexNet was trained. */
  public static final String LESSON_PIPELINE = AugmentationViewModel.START;

  private LabSetup() {}

  /** Sets up the lab for the lesson's step, whatever was shown or changed before. */
  public static void lesson(AugmentationViewModel lab) {
    lab.modelProperty().set(Zoo.alexnet());
    lab.seedProperty().set(1);
    lab.applySpecText(LESSON_PIPELINE);
    lab.indexProperty().set(0);
    lab.useDataset(); // also when the teacher had opened a file of their own
  }

  /** Captures the lab's state now; the returned action puts it back. */
  public static Runnable capture(AugmentationViewModel lab) {
    NetworkSpec model = lab.modelProperty().get();
    long seed = lab.seedProperty().get();
    String spec = lab.specTextProperty().get();
    int index = lab.indexProperty().get();
    float[] own = lab.customImageProperty().get() ? lab.example().clone() : null;
    String ownTitle = lab.imageTitleProperty().get();
    return () -> {
      lab.modelProperty().set(model);
      lab.seedProperty().set(seed);
      lab.applySpecText(spec);
      lab.indexProperty().set(index);
      if (own != null) {
        lab.showImage(own, ownTitle);
      } else {
        lab.useDataset();
      }
    };
  }
}
