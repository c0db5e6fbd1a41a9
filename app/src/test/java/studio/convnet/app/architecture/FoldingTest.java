package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;

/** Folding blocks on its own: the folds, the selection kept in view, and one redraw signal per change. */
class FoldingTest {

  private final Map<Side, NetworkSpec> specs = Map.of(Side.LEFT, Zoo.get("googlenet"), Side.RIGHT, Zoo.get("resnet18"));
  private final Outline outline = new Outline();
  private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>();
  private int changes;
  private Folding folding;

  @BeforeEach
  void setUp() {
    specs.forEach(outline::reset);
    folding = new Folding(outline, specs::get, selection, () -> changes++);
  }

  @Test
  void aNetworkOpensWithItsBlocksFoldedAndAConcatsPathsOpen() {
    assertThat(folding.isCollapsed(Side.LEFT, "b3")).isTrue();
    assertThat(folding.isCollapsed(Side.LEFT, "b3/inception3a")).isTrue();
    assertThat(folding.isCollapsed(Side.LEFT, "b3/inception3a/b2")).isFalse(); // a path of the concat
    assertThat(folding.isVisible(Side.LEFT, "b3")).isTrue();
    assertThat(folding.isVisible(Side.LEFT, "b3/inception3a")).isFalse();
    assertThat(changes).isZero();
  }

  @Test
  void onlyBlocksFoldAndOnlyARealChangeAsksForARedraw() {
    assertThat(folding.isBlock(Side.LEFT, "b3")).isTrue();
    assertThat(folding.isBlock(Side.LEFT, "fc")).isFalse();
    assertThat(folding.isBlock(Side.LEFT, "no/such/path")).isFalse();

    folding.setCollapsed(Side.LEFT, "fc", true); // a layer: nothing to fold
    assertThat(folding.isCollapsed(Side.LEFT, "fc")).isFalse();
    folding.setCollapsed(Side.LEFT, "b3", true); // folded already
    assertThat(changes).isZero();

    folding.toggle(Side.LEFT, "b3");
    assertThat(folding.isCollapsed(Side.LEFT, "b3")).isFalse();
    assertThat(folding.isCollapsed(Side.RIGHT, "b3")).isTrue(); // each network folds on its own
    assertThat(changes).isEqualTo(1);
    folding.toggle(Side.LEFT, "b3");
    assertThat(folding.isCollapsed(Side.LEFT, "b3")).isTrue();
    assertThat(changes).isEqualTo(2);
  }

  @Test
  void foldingABlockMovesASelectionInsideItToTheBlockOnlyOnThatSide() {
    folding.setAllCollapsed(Side.LEFT, false);
    selection.set(new Selection(Side.LEFT, "b3/inception3a/b2/conv2"));
    folding.setCollapsed(Side.LEFT, "b4", true); // another block: the selection stays
    assertThat(selection.get().layer()).isEqualTo("b3/inception3a/b2/conv2");
    folding.setCollapsed(Side.RIGHT, "b3", false);
    folding.setCollapsed(Side.RIGHT, "b3", true); // the same path in the other network
    assertThat(selection.get().layer()).isEqualTo("b3/inception3a/b2/conv2");
    folding.setCollapsed(Side.LEFT, "b3/inception3a", true);
    assertThat(selection.get()).isEqualTo(new Selection(Side.LEFT, "b3/inception3a"));
  }

  @Test
  void foldingAllAsAtFirstMovesAHiddenSelectionToTheOutermostBlockInView() {
    folding.setAllCollapsed(Side.LEFT, false);
    assertThat(folding.isVisible(Side.LEFT, "b5/inception5b/b4/conv")).isTrue();
    selection.set(new Selection(Side.LEFT, "b5/inception5b/b4/conv"));
    folding.setAllCollapsed(Side.LEFT, true);
    assertThat(folding.isCollapsed(Side.LEFT, "b5")).isTrue();
    assertThat(folding.isCollapsed(Side.LEFT, "b5/inception5b/b4")).isFalse(); // as at first
    assertThat(selection.get()).isEqualTo(new Selection(Side.LEFT, "b5"));
    assertThat(changes).isEqualTo(2);
  }

  @Test
  void theArrowKeysOpenTheSelectedBlockAndFoldTheBlockAroundALayer() {
    selection.set(new Selection(Side.RIGHT, "b3"));
    folding.expandSelected();
    assertThat(folding.isCollapsed(Side.RIGHT, "b3")).isFalse();
    folding.collapseSelected(); // an open block folds itself
    assertThat(folding.isCollapsed(Side.RIGHT, "b3")).isTrue();

    folding.setAllCollapsed(Side.RIGHT, false);
    selection.set(new Selection(Side.RIGHT, "b3/unit1/conv2"));
    folding.collapseSelected(); // a layer folds the block around it, which becomes the selection
    assertThat(folding.isCollapsed(Side.RIGHT, "b3/unit1")).isTrue();
    assertThat(selection.get()).isEqualTo(new Selection(Side.RIGHT, "b3/unit1"));
    folding.collapseSelected(); // a folded block folds the block around it
    assertThat(folding.isCollapsed(Side.RIGHT, "b3")).isTrue();
    assertThat(selection.get()).isEqualTo(new Selection(Side.RIGHT, "b3"));

    selection.set(null);
    int before = changes;
    folding.expandSelected();
    folding.collapseSelected();
    assertThat(changes).isEqualTo(before);
  }
}
