package studio.convnet.engine.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.data.augment.AugmentOp.Brightness;
import studio.convnet.engine.data.augment.AugmentOp.Contrast;
import studio.convnet.engine.data.augment.AugmentOp.Crop;
import studio.convnet.engine.data.augment.AugmentOp.Erase;
import studio.convnet.engine.data.augment.AugmentOp.HFlip;
import studio.convnet.engine.data.augment.AugmentOp.Hue;
import studio.convnet.engine.data.augment.AugmentOp.Noise;
import studio.convnet.engine.data.augment.AugmentOp.Range;
import studio.convnet.engine.data.augment.AugmentOp.Rotate;
import studio.convnet.engine.data.augment.AugmentOp.Saturation;
import studio.convnet.engine.data.augment.AugmentOp.Translate;
import studio.convnet.engine.data.augment.AugmentOp.VFlip;

class AugmentationPipelineTest {

  static final String ALL = "crop:scale=0.5-1,ratio=0.75-1.33 hflip vflip:p=0.3 rotate:deg=20,p=0.8"
      + " translate:frac=0.1 brightness contrast:amount=0.3 saturation hue noise:std=0.05 erase:value=random,p=1";

  /** A ramp image: every pixel distinct, so moves are visible. */
  static float[] ramp(int channels, int size) {
    float[] x = new float[channels * size * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 251) / 250f;
    }
    return x;
  }

  @Test
  void sameSeedGivesSameOutputsAndAnotherSeedDiffers() {
    AugmentationPipeline p = AugmentationPipeline.parse(ALL);
    float[] img = ramp(1, 28);
    float[] a = p.apply(img, 1, 28, new Random(42));
    float[] b = p.apply(img, 1, 28, new Random(42));
    float[] c = p.apply(img, 1, 28, new Random(43));
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
    float[] rgb = ramp(3, 16);
    assertThat(p.apply(rgb, 3, 16, new Random(7))).containsExactly(p.apply(rgb, 3, 16, new Random(7)));
  }

  @Test
  void applyDoesNotChangeItsInput() {
    float[] img = ramp(1, 28);
    float[] copy = img.clone();
    AugmentationPipeline.parse(ALL).apply(img, 1, 28, new Random(1));
    assertThat(img).containsExactly(copy);
  }

  @Test
  void previewStagesAreExactlyWhatApplyComputes() {
    AugmentationPipeline p = AugmentationPipeline.parse(ALL);
    float[] img = ramp(1, 28);
    List<AugmentationPipeline.Stage> stages = p.preview(img, 1, 28, 224, new Random(5));
    assertThat(stages).hasSize(p.ops().size() + 3);
    assertThat(stages.get(0).title()).isEqualTo("original");
    assertThat(stages.get(stages.size() - 2).title()).isEqualTo("resize");
    assertThat(stages.get(stages.size() - 1).title()).isEqualTo("scaled to [0,1]");
    float[] beforeResize = stages.get(stages.size() - 3).chw();
    assertThat(beforeResize).containsExactly(p.apply(img, 1, 28, new Random(5)));
    float[] fed = stages.get(stages.size() - 1).chw();
    assertThat(stages.get(stages.size() - 1).size()).isEqualTo(224);
    assertThat(fed).containsExactly(p.augmentAndResize(img, 1, 28, 224, new Random(5)));
    assertThat(fed).containsExactly(ImageOps.resizeBilinear(beforeResize, 1, 28, 224));
    for (float v : fed) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void changingOneParameterLeavesTheOtherOperationsDrawsAlone() {
    float[] img = ramp(1, 28);
    AugmentationPipeline a = AugmentationPipeline.parse("noise:std=0 rotate:deg=30,p=1");
    AugmentationPipeline b = AugmentationPipeline.parse("noise:std=0.2 rotate:deg=30,p=1");
    var sa = a.preview(img, 1, 28, 28, new Random(3));
    var sb = b.preview(img, 1, 28, 28, new Random(3));
    // rotate the same noise-free input with the same angle: both pipelines draw the same angle
    float[] rotatedA = sa.get(2).chw();
    float[] rotatedB = new AugmentOp.Rotate(30, 0, 1).maybeApply(img, 1, 28, seqAfterOneOp(3)).chw();
    assertThat(rotatedA).containsExactly(rotatedB);
    assertThat(sb.get(1).chw()).isNotEqualTo(img);
  }

  private static Random seqAfterOneOp(long seed) {
    Random r = new Random(seed);
    r.nextDouble();
    r.nextLong();
    return r;
  }

  @Test
  void horizontalFlipMirrorsEveryPixelExactly() {
    int s = 5;
    float[] img = ramp(2, s);
    float[] out = new HFlip(1).maybeApply(img, 2, s, new Random(0)).chw();
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          assertThat(out[(c * s + y) * s + x]).isEqualTo(img[(c * s + y) * s + (s - 1 - x)]);
        }
      }
    }
    assertThat(new HFlip(1).transform(out, 2, s, null)).containsExactly(img);
  }

  @Test
  void verticalFlipMirrorsRows() {
    int s = 4;
    float[] img = ramp(1, s);
    float[] out = new VFlip(1).transform(img, 1, s, new Random(0));
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        assertThat(out[y * s + x]).isEqualTo(img[(s - 1 - y) * s + x]);
      }
    }
  }

  @Test
  void probabilityZeroNeverAppliesAndOneAlwaysDoes() {
    float[] img = ramp(1, 8);
    Random rng = new Random(9);
    for (int i = 0; i < 200; i++) {
      AugmentOp.Outcome o = new HFlip(0).maybeApply(img, 1, 8, rng);
      assertThat(o.applied()).isFalse();
      assertThat(o.chw()).isSameAs(img);
      assertThat(new HFlip(1).maybeApply(img, 1, 8, rng).applied()).isTrue();
    }
    AugmentationPipeline never = AugmentationPipeline.parse(
        "crop:p=0 hflip:p=0 rotate:p=0 noise:p=0 erase:p=0 brightness:p=0");
    assertThat(never.apply(img, 1, 8, new Random(1))).containsExactly(img);
  }

  @Test
  void halfProbabilityAppliesAboutHalfTheTime() {
    Random rng = new Random(11);
    int applied = 0;
    for (int i = 0; i < 2000; i++) {
      if (new HFlip(0.5).maybeApply(new float[4], 1, 2, rng).applied()) {
        applied++;
      }
    }
    assertThat(applied).isBetween(900, 1100);
  }

  @Test
  void cropKeepsTheSizeAndItsRectangleHonoursScaleAndRatio() {
    Crop crop = new Crop(new Range(0.3, 0.6), new Range(0.75, 4 / 3.0), 1);
    Random rng = new Random(4);
    for (int i = 0; i < 100; i++) {
      int[] r = crop.rectangle(28, rng);
      double area = (double) r[2] * r[3] / (28 * 28);
      assertThat(area).isBetween(0.22, 0.7);
      assertThat(r[0] + r[2]).isLessThanOrEqualTo(28);
      assertThat(r[1] + r[3]).isLessThanOrEqualTo(28);
      float[] out = crop.transform(ramp(3, 28), 3, 28, new Random(i));
      assertThat(out).hasSize(3 * 28 * 28);
    }
  }

  @Test
  void fullScaleCropIsTheIdentity() {
    float[] img = ramp(1, 28);
    Crop whole = new Crop(new Range(1, 1), new Range(1, 1), 1);
    assertThat(whole.transform(img, 1, 28, new Random(2))).containsExactly(img);
  }

  @Test
  void cropOfAQuarterMagnifiesThatQuarter() {
    // the top-left 2×2 block of a 4×4 image resized to 4×4: corners keep their values
    float[] img = ramp(1, 4);
    float[] out = ImageOps.resizeRegion(img, 1, 4, 4, 0, 0, 2, 2, 4, 4);
    assertThat(out[0]).isEqualTo(img[0]);
    assertThat(out[15]).isEqualTo(img[5]);
  }

  @Test
  void rotationByZeroIsTheIdentityAndBy90TurnsTheImage() {
    float[] img = ramp(1, 9);
    assertThat(new Rotate(0, 0, 1).transform(img, 1, 9, new Random(1))).containsExactly(img);
    assertThat(Rotate.rotate(img, 1, 9, 0, 0)).containsExactly(img);
    float[] quarter = Rotate.rotate(img, 1, 9, Math.PI / 2, 0);
    // output (x, y) samples source (c - dy, c + dx): the top row comes from the right column
    // (counter-clockwise on screen)
    for (int x = 0; x < 9; x++) {
      assertThat(quarter[x]).isCloseTo(img[x * 9 + 8], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void translationShiftsByWholePixelsAndFills() {
    float[] img = ramp(1, 6);
    float[] out = Translate.shift(img, 1, 6, 2, 1, 0.5f);
    assertThat(out[0]).isEqualTo(0.5f);
    assertThat(out[1 * 6 + 2]).isEqualTo(img[0]);
    assertThat(out[5 * 6 + 5]).isEqualTo(img[4 * 6 + 3]);
    assertThat(new Translate(0, 0, 1).transform(img, 1, 6, new Random(1))).containsExactly(img);
  }

  @Test
  void noiseWithZeroStdIsTheIdentity() {
    float[] img = ramp(1, 10);
    assertThat(new Noise(0, 1).transform(img, 1, 10, new Random(1))).containsExactly(img);
    float[] noisy = new Noise(0.1, 1).transform(img, 1, 10, new Random(1));
    assertThat(noisy).isNotEqualTo(img);
    for (float v : noisy) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void brightnessAndContrastWithZeroAmountAreTheIdentity() {
    float[] img = ramp(1, 10);
    assertThat(new Brightness(0, 1).transform(img, 1, 10, new Random(1))).containsExactly(img);
    float[] c = new Contrast(0, 1).transform(img, 1, 10, new Random(1));
    for (int i = 0; i < img.length; i++) {
      assertThat(c[i]).isCloseTo(img[i], org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  @Test
  void hueAndSaturationLeaveGreyImagesAloneAndChangeColourOnes() {
    float[] grey = ramp(1, 6);
    assertThat(new Hue(0.5, 1).transform(grey, 1, 6, new Random(1))).containsExactly(grey);
    assertThat(new Saturation(1, 1).transform(grey, 1, 6, new Random(1))).containsExactly(grey);
    float[] rgb = new float[3 * 4];
    for (int i = 0; i < 4; i++) {
      rgb[i] = 1; // pure red
    }
    float[] turned = new Hue(0.5, 1).transform(rgb, 3, 2, new Random(1));
    assertThat(turned).isNotEqualTo(rgb);
  }

  @Test
  void hueRotationFollowsTheColourWheel() {
    // a third of a turn takes red to green and green to blue; a whole turn changes nothing
    assertThat(ImageOps.shiftHue(1, 0, 0, 1.0 / 3)).containsExactly(new float[] {0, 1, 0}, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(ImageOps.shiftHue(0, 1, 0, 1.0 / 3)).containsExactly(new float[] {0, 0, 1}, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(ImageOps.shiftHue(0.2f, 0.6f, 0.4f, 1)).containsExactly(new float[] {0.2f, 0.6f, 0.4f}, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(ImageOps.shiftHue(0.2f, 0.6f, 0.4f, -0.5)).containsExactly(new float[] {0.6f, 0.2f, 0.4f}, org.assertj.core.data.Offset.offset(1e-5f));
  }

  @Test
  void erasingSetsOneRectangleToTheValue() {
    float[] img = new float[28 * 28];
    java.util.Arrays.fill(img, 0.5f);
    Erase erase = new Erase(new Range(0.1, 0.2), new Range(0.5, 2), 1, false, 1);
    float[] out = erase.transform(img, 1, 28, new Random(8));
    int minX = 28, minY = 28, maxX = -1, maxY = -1, count = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        if (out[y * 28 + x] == 1f) {
          count++;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        } else {
          assertThat(out[y * 28 + x]).isEqualTo(0.5f);
        }
      }
    }
    assertThat(count).isEqualTo((maxX - minX + 1) * (maxY - minY + 1)); // a filled rectangle
    assertThat(count / 784.0).isBetween(0.07, 0.25);
  }

  @Test
  void parseWritesEveryParameterAndRoundTrips() {
    AugmentationPipeline p = AugmentationPipeline.parse(ALL);
    assertThat(p.ops()).hasSize(11);
    assertThat(AugmentationPipeline.parse(p.toSpec())).isEqualTo(p);
    assertThat(AugmentationPipeline.parse(p.toSpecList())).isEqualTo(p);
    assertThat(AugmentationPipeline.parse("hflip:p=0.5 crop:scale=0.6-1,ratio=0.75-1.33 rotate:deg=15,p=0.5 noise:std=0.05")
        .toSpec()).isEqualTo(
            "hflip:p=0.5 crop:scale=0.6-1,ratio=0.75-1.33,p=1 rotate:deg=15,fill=0,p=0.5 noise:std=0.05,p=1");
    assertThat(AugmentationPipeline.parse("crop:scale=0.0001..1").toSpec())
        .isEqualTo("crop:scale=0.0001-1,ratio=0.75-1.3333333333333333,p=1");
    assertThat(AugmentationPipeline.parse("erase:value=random").toSpec())
        .isEqualTo("erase:scale=0.02-0.33,ratio=0.3-3.3,value=random,p=0.5");
    assertThat(AugmentationPipeline.parse(List.of("hflip;vflip", "noise"))).isEqualTo(
        AugmentationPipeline.of(new HFlip(0.5), new VFlip(0.5), new Noise(0.05, 1)));
    assertThat(AugmentationPipeline.parse("  ")).isEqualTo(AugmentationPipeline.none());
    assertThat(AugmentationPipeline.parse("none").isEmpty()).isTrue();
    assertThat(AugmentationPipeline.parse("crop:scale=0.7").ops().get(0))
        .isEqualTo(new Crop(new Range(0.7, 0.7), new Range(0.75, 4 / 3.0), 1));
    for (String name : AugmentationPipeline.operationNames()) {
      AugmentOp op = AugmentationPipeline.defaults(name);
      assertThat(op.name()).isEqualTo(name);
      assertThat(AugmentationPipeline.parse(op.spec()).ops()).containsExactly(op);
    }
  }

  @Test
  void badTextGetsAMessageNamingOperationAndParameter() {
    assertError("crop:scale=0.6-1.5", "crop", "scale", "crop: scale 0.6-1.5: crop scale (fraction of the image's area) must satisfy 0 < min ≤ max ≤ 1");
    assertError("hflip:p=1.5", "hflip", "p", "hflip: p 1.5: a probability must be in 0..1");
    assertError("noise:p=-0.1", "noise", "p", "noise: p -0.1: a probability must be in 0..1");
    assertError("crop:ratio=2-1", "crop", "ratio", "crop: ratio 2-1: the aspect ratio (width/height) range must satisfy 0 < min ≤ max");
    assertError("rotate:deg=abc", "rotate", "deg", "rotate: deg 'abc' is not a number");
    assertError("rotate:deg=200", "rotate", "deg", "rotate: deg 200: the largest angle must be in 0..180 degrees");
    assertError("crop:scal=0.5", "crop", null, "crop: unknown parameter 'scal'; crop takes scale, ratio, p");
    assertError("crop:scale", "crop", null, "crop: 'scale' is not key=value (write e.g. crop:scale=...)");
    assertError("hflip:p=0.5,p=1", "hflip", "p", "hflip: p is given twice");
    assertError("erase:scale=0-0.3", "erase", "scale", "erase: scale 0-0.3: the erased fraction of the area must satisfy 0 < min ≤ max ≤ 1");
    assertError("hue:amount=0.7", "hue", "amount", "hue: amount 0.7: the hue shift is a fraction of a turn in 0..0.5");
    assertError("crop:scale=0.1-0.2-0.3", "crop", "scale", "crop: scale '0.1-0.2-0.3' is not a range (write min-max, e.g. scale=0.5-1)");
    assertError("hflip flop", null, null,
        "unknown augmentation 'flop' in 'flop'; known: crop, hflip, vflip, rotate, translate, brightness, contrast, saturation, hue, noise, erase");
  }

  private static void assertError(String spec, String op, String param, String message) {
    assertThatThrownBy(() -> AugmentationPipeline.parse(spec))
        .isInstanceOf(AugmentationException.class)
        .hasMessage(message)
        .satisfies(e -> {
          assertThat(((AugmentationException) e).operation()).isEqualTo(op);
          assertThat(((AugmentationException) e).parameter()).isEqualTo(param);
        });
  }

  @Test
  void applyRejectsAWronglySizedExample() {
    assertThatThrownBy(() -> AugmentationPipeline.parse("hflip").apply(new float[10], 1, 28, new Random()))
        .hasMessageContaining("expected 1×28×28");
  }

  @Test
  void everyOperationHasOneDescriptionFromWhichParserAndSpecAreMade() {
    assertThat(AugmentOps.all().stream().map(i -> i.type().getName()).toList())
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(AugmentOp.class.getPermittedSubclasses()).map(Class::getName).toList());
    for (AugmentOps.Info info : AugmentOps.all()) {
      AugmentOp op = AugmentationPipeline.defaults(info.name());
      assertThat(op.name()).isEqualTo(info.name());
      assertThat(op.getClass()).isEqualTo(info.type());
      // spec() writes the described keys, in the described order, with the described defaults
      String spec = op.spec();
      List<String> keys = java.util.Arrays.stream(spec.substring(spec.indexOf(':') + 1).split(","))
          .map(kv -> kv.substring(0, kv.indexOf('='))).toList();
      assertThat(keys).as(spec).isEqualTo(info.keys());
      assertThat(AugmentationPipeline.parse(spec).ops()).containsExactly(op);
      for (AugmentOps.Param p : info.params()) {
        assertThat(p.dflt()).as(info.name() + " " + p.key()).isBetween(p.min(), p.max());
        assertThat(p.dfltMax()).as(info.name() + " " + p.key()).isBetween(p.dflt(), p.max());
      }
    }
    assertThat(AugmentationPipeline.defaults("erase").spec()).isEqualTo("erase:scale=0.02-0.33,ratio=0.3-3.3,value=0,p=0.5");
    assertThat(AugmentationPipeline.parse("erase:value=random").ops().get(0).spec()).contains("value=random");
    assertThat(AugmentationPipeline.defaults("rotate").spec()).isEqualTo("rotate:deg=15,fill=0,p=1");
  }
}
