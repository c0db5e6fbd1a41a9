package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;

/**
 * The graph drawing of GoogLeNet and ResNet-18: folded as at first, one block opened, everything
 * opened. Every label has its own place (no two drawn labels overlap), the joins and shortcuts are
 * drawn, and the renderings are written to target/diagrams/ to be looked at.
 */
@ExtendWith(ApplicationExtension.class)
class DiagramGraphTest {

  @Start
  void start(Stage stage) {}

  private static Diagram.Drawing render(NetworkSpec left, NetworkSpec right, Outline outline, String file)
      throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> {
      Canvas canvas = new Canvas();
      Diagram.Drawing d = Diagram.draw(canvas, ShapeInference.infer(left, left.defaultInputSize()),
          ShapeInference.infer(right, right.defaultInputSize()), null, new DiagramHints() {
            @Override
            public boolean hidden(Side side, String layer, Column column) {
              return false;
            }

            @Override
            public boolean collapsed(Side side, String block) {
              return outline.isCollapsed(side, block);
            }
          });
      SnapshotParameters p = new SnapshotParameters();
      p.setFill(Color.WHITE);
      Path out = Path.of("target", "diagrams");
      Files.createDirectories(out);
      ImageIO.write(SwingFXUtils.fromFXImage(canvas.snapshot(p, null), null), "png", out.resolve(file).toFile());
      return d;
    }).get();
  }

  private static Outline outline(NetworkSpec left, NetworkSpec right) {
    Outline o = new Outline();
    o.reset(Side.LEFT, left);
    o.reset(Side.RIGHT, right);
    return o;
  }

  /** Pairs of drawn labels whose areas overlap. */
  private static List<String> overlaps(Diagram.Drawing d) {
    List<String> out = new ArrayList<>();
    List<Map.Entry<String, Rectangle2D>> all = new ArrayList<>(d.labels().entrySet());
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        if (all.get(i).getValue().intersects(all.get(j).getValue())) {
          out.add(all.get(i).getKey() + " / " + all.get(j).getKey());
        }
      }
    }
    return out;
  }

  @Test
  void googLeNetOpensAsItsFiveBlocksThenAnInceptionShowsItsFourPathsAndTheirChannelSum() throws Exception {
    NetworkSpec g = Zoo.get("googlenet");
    NetworkSpec r = Zoo.get("resnet18");
    Outline o = outline(g, r);
    Diagram.Drawing folded = render(g, r, o, "googlenet-resnet18-folded.png");
    assertThat(folded.texts()).containsKeys("label-googlenet-b1", "label-googlenet-b5", "shape-googlenet-b3",
        "label-resnet18-b2", "label-resnet18-last");
    assertThat(folded.texts().get("shape-googlenet-b3")).isEqualTo("480×6×6");
    assertThat(folded.texts()).doesNotContainKey("label-googlenet-b3/inception3a");
    assertThat(overlaps(folded)).isEmpty();

    o.setCollapsed(Side.LEFT, "b3", false);
    o.setCollapsed(Side.LEFT, "b3/inception3a", false);
    o.setCollapsed(Side.RIGHT, "b3", false);
    o.setCollapsed(Side.RIGHT, "b3/unit1", false);
    Diagram.Drawing open = render(g, r, o, "googlenet-resnet18-b3-open.png");
    assertThat(open.texts().get("label-googlenet-b3/inception3a/concat")).isEqualTo("concat  64 + 128 + 32 + 32 = 256");
    assertThat(open.texts().get("shape-googlenet-b3/inception3a/concat")).isEqualTo("256×12×12");
    assertThat(open.texts()).containsKeys("head-googlenet-b3/inception3a/b1", "head-googlenet-b3/inception3a/b4",
        "shape-googlenet-b3/inception3a/b2/conv2", "label-googlenet-b3/inception3b");
    // the four paths stand side by side: same top, increasing x
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (String b : List.of("b1", "b2", "b3", "b4")) {
      Rectangle2D head = open.hits().get("head-googlenet-b3/inception3a/" + b).area();
      xs.add(head.getMinX());
      ys.add(head.getMinY());
    }
    assertThat(xs).isSorted().doesNotHaveDuplicates();
    assertThat(ys).containsOnly(ys.get(0));
    // the residual unit: its shortcut beside the main path, the add below both
    Rectangle2D conv1 = open.hits().get("block-resnet18-b3/unit1/conv1").area();
    Rectangle2D shortcut = open.hits().get("block-resnet18-b3/unit1/shortcut").area();
    Rectangle2D add = open.hits().get("block-resnet18-b3/unit1/add").area();
    assertThat(shortcut.getMinX()).isGreaterThanOrEqualTo(conv1.getMaxX());
    assertThat(add.getMinY()).isGreaterThan(shortcut.getMaxY());
    assertThat(open.texts().get("label-resnet18-b3/unit1/add")).isEqualTo("add  main path + shortcut · ReLU");
    assertThat(overlaps(open)).isEmpty();
  }

  @Test
  void everyZooNetworkFullyOpenedHasNoOverlappingLabels() throws Exception {
    for (NetworkSpec n : Zoo.all()) {
      Outline o = new Outline();
      Diagram.Drawing d = render(n, Zoo.get("resnet18"), o, "open-" + n.id() + ".png");
      assertThat(overlaps(d)).as(n.id()).isEmpty();
      assertThat(d.height()).as(n.id()).isLessThan(8000);
    }
  }
}
