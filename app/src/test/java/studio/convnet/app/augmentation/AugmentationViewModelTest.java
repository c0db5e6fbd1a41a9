package studio.convnet.app.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.app.augmentation.Previews.Preview;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.data.augment.AugmentationPipeline;

class AugmentationViewModelTest {

  private final AugmentationViewModel vm = new AugmentationViewModel(TestImages.dataset(10), null);

  @Test
  void startsWithCropAndFlipAtLeNetSizeAndAFullGrid() {
    Preview p = vm.previewProperty().get();
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.specTextProperty().get())
        .isEqualTo("crop:scale=0.5-1,ratio=0.75-1.3333,p=1 hflip:p=0.5");
    assertThat(p.inputSize()).isEqualTo(28);
    assertThat(p.variants()).hasSize(16);
    assertThat(p.grid().width()).isEqualTo(4 * 28 * p.zoom() + 5 * 4);
    assertThat(p.strip()).extracting(Previews.StripImage::title)
        .containsExactly("original", "crop", "hflip", "resize", "scaled to [0,1]");
    assertThat(vm.imageTitleProperty().get()).isEqualTo("#0 · block");
  }

  @Test
  void theStripFollowsTheFirstGridCellExactly() {
    vm.modelProperty().set(Zoo.alexnet());
    Preview p = vm.previewProperty().get();
    float[] fed = vm.pipelineProperty().get().augmentAndResize(
        vm.example(), 1, 28, 224, Previews.variantRandom(vm.seedProperty().get(), 0));
    assertThat(p.variants().get(0)).containsExactly(fed);
    assertThat(p.strip().get(p.strip().size() - 1).size()).isEqualTo(224);
    assertThat(p.zoom()).isEqualTo(1);
  }

  @Test
  void togglingAnOperationChangesTheGridAndTheText() {
    int[] before = vm.previewProperty().get().grid().argb().clone();
    vm.settings("vflip").enabledProperty().set(true);
    assertThat(vm.specTextProperty().get()).contains("vflip:p=0.5");
    assertThat(vm.previewProperty().get().grid().argb()).isNotEqualTo(before);
    vm.settings("vflip").enabledProperty().set(false);
    assertThat(vm.previewProperty().get().grid().argb()).isEqualTo(before);
  }

  @Test
  void sameSeedSameGridAndRerollChangesIt() {
    int[] a = vm.previewProperty().get().grid().argb().clone();
    vm.indexProperty().set(3);
    vm.indexProperty().set(0);
    assertThat(vm.previewProperty().get().grid().argb()).isEqualTo(a);
    long seed = vm.seedProperty().get();
    vm.reroll();
    assertThat(vm.seedProperty().get()).isNotEqualTo(seed);
    assertThat(vm.previewProperty().get().grid().argb()).isNotEqualTo(a);
  }

  @Test
  void sliderChangesReachThePipeline() {
    vm.settings("rotate").enabledProperty().set(true);
    vm.settings("rotate").param("deg").value().set(40);
    assertThat(vm.pipelineProperty().get().toSpec()).contains("rotate:deg=40,fill=0,p=1");
  }

  @Test
  void scaleMinAboveMaxShowsTheEnginesMessageAndKeepsTheLastGoodPreview() {
    vm.settings("crop").param("scale-min").value().set(0.9);
    Preview good = vm.previewProperty().get();
    AugmentationPipeline goodPipeline = vm.pipelineProperty().get();
    vm.settings("crop").param("scale-max").value().set(0.6);
    assertThat(vm.errorProperty().get()).isEqualTo(
        "crop: scale 0.9-0.6: crop scale (fraction of the image's area) must satisfy 0 < min ≤ max ≤ 1");
    assertThat(vm.pipelineProperty().get()).isEqualTo(goodPipeline);
    assertThat(vm.previewProperty().get()).isSameAs(good);
    vm.useForTraining();
    assertThat(vm.trainingPipelineProperty().get()).isNull();
    assertThat(vm.statusProperty().get()).startsWith("Fix the pipeline first");
    vm.settings("crop").param("scale-min").value().set(0.5);
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void typedTextSetsTheSlidersOrShowsItsError() {
    vm.applySpecText("crop:scale=0.6-1.5");
    assertThat(vm.errorProperty().get()).startsWith("crop: scale 0.6-1.5");
    vm.applySpecText("hflip:p=2");
    assertThat(vm.errorProperty().get()).isEqualTo("hflip: p 2: a probability must be in 0..1");
    vm.applySpecText("hflip:p=1 noise:std=0.1 rotate:deg=170");
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.noteProperty().get()).contains("fixed order: hflip → rotate → noise");
    assertThat(vm.settings("crop").enabledProperty().get()).isFalse();
    assertThat(vm.settings("noise").param("std").value().get()).isEqualTo(0.1);
    assertThat(vm.pipelineProperty().get())
        .isEqualTo(AugmentationPipeline.parse("hflip:p=1 rotate:deg=170 noise:std=0.1"));
    vm.applySpecText("erase:value=random,p=1 translate:frac=0.8");
    assertThat(vm.settings("erase").randomFillProperty().get()).isTrue();
    assertThat(vm.pipelineProperty().get().toSpec()).contains("value=random");
    vm.applySpecText("");
    assertThat(vm.pipelineProperty().get().isEmpty()).isTrue();
    assertThat(vm.previewProperty().get().variants().get(0)).containsExactly(vm.example());
  }

  @Test
  void useForTrainingExposesThePipelineAndItsText() {
    vm.useForTraining();
    AugmentationPipeline p = vm.trainingPipelineProperty().get();
    assertThat(p).isEqualTo(vm.pipelineProperty().get());
    assertThat(AugmentationPipeline.parse(vm.trainingSpecProperty().get())).isEqualTo(p);
    assertThat(vm.statusProperty().get()).startsWith("Training will use: crop:");
  }

  @Test
  void classNavigationStaysInTheClass() {
    vm.next();
    assertThat(vm.indexProperty().get()).isEqualTo(2);
    vm.previous();
    vm.previous();
    assertThat(vm.indexProperty().get()).isEqualTo(8);
    vm.selectClass(1);
    assertThat(vm.indexProperty().get()).isEqualTo(1);
    assertThat(vm.imageTitleProperty().get()).isEqualTo("#1 · bar");
  }

  @Test
  void anImageFileBecomesAGrey28ImageAndABadFileAMessage(@TempDir Path dir) throws Exception {
    BufferedImage img = new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB);
    for (int x = 50; x < 80; x++) {
      for (int y = 0; y < 60; y++) {
        img.setRGB(x, y, 0xffffff);
      }
    }
    Path png = dir.resolve("shirt.png");
    ImageIO.write(img, "png", png.toFile());
    vm.openImage(png);
    assertThat(vm.imageErrorProperty().get()).isEmpty();
    assertThat(vm.customImageProperty().get()).isTrue();
    assertThat(vm.imageTitleProperty().get()).isEqualTo("shirt.png");
    float[] ex = vm.example();
    assertThat(ex).hasSize(28 * 28);
    assertThat(ex[0]).isEqualTo(0f); // left of the centre square's white stripe
    assertThat(ex[27]).isEqualTo(1f);

    Path bad = dir.resolve("broken.png");
    Files.writeString(bad, "not an image");
    vm.openImage(bad);
    assertThat(vm.imageErrorProperty().get()).isEqualTo(
        "Cannot read broken.png: not a PNG, JPEG, GIF or BMP image");
    assertThat(vm.example()).containsExactly(ex); // the last good image stays
    vm.openImage(dir.resolve("missing.png"));
    assertThat(vm.imageErrorProperty().get()).startsWith("Cannot read missing.png");

    vm.useDataset();
    assertThat(vm.customImageProperty().get()).isFalse();
    assertThat(vm.imageErrorProperty().get()).isEmpty();
  }

  @Test
  void aMissingDatasetIsAnInlineMessageNotACrash() {
    AugmentationViewModel empty = new AugmentationViewModel(null, "FashionMNIST could not be loaded: gone");
    assertThat(empty.imageErrorProperty().get()).isEqualTo("FashionMNIST could not be loaded: gone");
    assertThat(empty.previewProperty().get().variants()).hasSize(16);
    empty.next();
    empty.selectClass(3);
  }

  @Test
  void onABackgroundThreadTheLatestRequestIsPublishedOnTheUiExecutor() throws Exception {
    java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      AugmentationViewModel async = new AugmentationViewModel(TestImages.dataset(10), null, worker, ui);
      for (int i = 0; i < 20; i++) {
        async.reroll();
      }
      async.settings("noise").enabledProperty().set(true);
      // wait for both executors to run dry
      worker.submit(() -> {}).get();
      ui.submit(() -> {}).get();
      float[] expected = async.pipelineProperty().get().augmentAndResize(async.example(), 1, 28, 28,
          Previews.variantRandom(async.seedProperty().get(), 0));
      assertThat(async.previewProperty().get().variants().get(0)).containsExactly(expected);
    } finally {
      worker.shutdownNow();
      ui.shutdownNow();
    }
  }

  @Test
  void realFashionMnistPreviewIsFastEnoughForTheFxThread() {
    long t0 = System.nanoTime();
    AugmentationViewModel real = AugmentationViewModel.withFashionMnist(Runnable::run, Runnable::run);
    System.out.printf("FashionMNIST load + first preview: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    assertThat(real.imageErrorProperty().get()).isEmpty();
    assertThat(real.imageCount()).isEqualTo(10_000);
    assertThat(real.imageTitleProperty().get()).isEqualTo("#0 · Ankle boot");
    real.applySpecText("crop:scale=0.5-1 hflip rotate:deg=15 translate brightness contrast noise erase");
    long[] median = new long[2];
    var models = new studio.convnet.engine.arch.NetworkSpec[] {Zoo.lenet(), Zoo.alexnet()};
    for (int k = 0; k < 2; k++) {
      real.modelProperty().set(models[k]);
      long[] t = new long[31];
      for (int i = 0; i < t.length; i++) {
        real.reroll();
        t[i] = real.previewProperty().get().nanos();
      }
      long first = t[0];
      Arrays.sort(t);
      median[k] = t[t.length / 2];
      System.out.printf("preview (16 draws + strip, 8 ops) at %d: first %.2f ms, median %.2f ms, max %.2f ms%n",
          models[k].defaultInputSize(), first / 1e6, t[t.length / 2] / 1e6, t[t.length - 1] / 1e6);
    }
    assertThat(median[1]).as("generous: this machine's timings vary with load").isLessThan(2_000_000_000L);
    assertThat(Arrays.stream(real.previewProperty().get().grid().argb()).distinct().count()).isGreaterThan(10);
  }
}
