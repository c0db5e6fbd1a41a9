package studio.convnet.app.presenter;

import java.util.List;
import studio.convnet.app.presenter.Lesson.Step;

/**
 * The second lesson, "the chapter in ten minutes": from AlexNet's dense layers to NiN's global
 * average pooling, the 1×1 convolution, Inception's four paths, the residual shortcut, and the
 * recorded runs raced on one chart. Each step's set-up action (registered by the main window) puts
 * its view into the whole state the step needs.
 */
public final class ChapterLesson {

  private ChapterLesson() {}

  public static final String GAP = "architecture.chapter-gap";
  public static final String ONE_BY_ONE = "architecture.chapter-1x1";
  public static final String INCEPTION = "architecture.chapter-inception";
  public static final String RESIDUAL = "architecture.chapter-residual";
  public static final String RACE = "race.chapter";

  public static final List<Step> STEPS = List.of(
      new Step("1 · Where the parameters went", "tab-architecture", List.of(GAP),
          "AlexNet keeps 43 M of its 46.8 M parameters in two dense layers (fc1, fc2). NiN has 2.0 M in"
              + " all: its last block has one channel per class, and global average pooling turns each"
              + " map into one number — no dense layers. Ask: what does averaging a map lose?"),
      new Step("2 · What a 1×1 convolution does", "tab-architecture", List.of(ONE_BY_ONE),
          "NiN's conv2 is 1×1: a dense layer applied at every pixel, mixing 96 channels into 96"
              + " (96·96 + 96 = 9 312 parameters) while height and width stay. Ask: why not a dense layer?"),
      new Step("3 · Inception: four paths", "tab-architecture", List.of(INCEPTION),
          "Four paths see the same input — 1×1; 1×1 then 3×3; 1×1 then 5×5; pooling then 1×1 — and"
              + " their channels are stacked: 64 + 128 + 32 + 32 = 256. Ask: what do the 1×1s in front save?"),
      new Step("4 · The residual shortcut", "tab-architecture", List.of(RESIDUAL),
          "A residual unit adds its input back: f(x) + x. Where a stage halves the size and doubles the"
              + " channels, the shortcut is a 1×1 convolution with stride 2 so the shapes match. Ask: what"
              + " does a unit learn if the best it can do is nothing?"),
      new Step("5 · The chapter, raced", "tab-race", List.of(RACE),
          "Recorded runs (say so!), one per network, on one chart: test accuracy against the work spent"
              + " (multiply-adds); switch x to seconds for what a laptop waits. Compare parameters and"
              + " multiply-adds per image: which would you train on a laptop, which on a GPU server?"));
}
