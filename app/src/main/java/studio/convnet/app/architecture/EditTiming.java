package studio.convnet.app.architecture;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;

/**
 * The time a student waits after an edit, for developers ("Show timings"): from the edit to the end
 * of the next pulse's CSS pass and layout, the UI thread's CPU time in it, and the shape inference's
 * share. It waits for the pulse the edit caused, not for {@code root.applyCss()}, which would restyle
 * every node of the window, changed or not.
 */
final class EditTiming {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final Label label = new Label();
  private long start;
  private long startCpu;

  /** @param shown whether the figures are on screen (off for the room) */
  EditTiming(ObservableBooleanValue shown) {
    label.setId("timing");
    label.getStyleClass().add("timing");
    label.setPadding(new Insets(2, 10, 4, 10));
    label.visibleProperty().bind(shown);
    label.managedProperty().bind(shown);
    label.setText("change the input size or a layer: the time from the edit to the redrawn diagram shows here");
  }

  Label node() {
    return label;
  }

  /** An edit starts now (on the UI thread). */
  void mark() {
    start = System.nanoTime();
    startCpu = CPU.getCurrentThreadCpuTime();
  }

  /**
   * The shapes were recomputed in {@code inferenceNanos}: after the edit marked last, the figures are
   * shown once {@code scene} has been laid out; a recompute with no edit marked is not timed.
   */
  void recomputed(Scene scene, long inferenceNanos) {
    long from = start;
    long fromCpu = startCpu;
    start = 0;
    if (from == 0 || scene == null) {
      return;
    }
    Runnable[] once = new Runnable[1];
    once[0] = () -> {
      scene.removePostLayoutPulseListener(once[0]);
      long total = System.nanoTime() - from;
      long cpu = CPU.getCurrentThreadCpuTime() - fromCpu;
      label.setText(String.format(Locale.ROOT,
          "last change: shape inference %.3f ms; edit → recompute → redraw (laid out) %.1f ms,"
              + " of which %.1f ms CPU on the UI thread", inferenceNanos / 1e6, total / 1e6, cpu / 1e6));
    };
    scene.addPostLayoutPulseListener(once[0]);
    Platform.requestNextPulse();
  }
}
