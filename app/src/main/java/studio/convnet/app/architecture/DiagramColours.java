package studio.convnet.app.architecture;

import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The diagram's colours. It is painted on a Canvas, which CSS does not reach, so the view picks the
 * light or the dark set from what the theme gives the window (its background and text colour): in a
 * dark theme the diagram is dark too, with the theme's own background and text. The golden-image test
 * draws with {@link #LIGHT}.
 */
public record DiagramColours(Color background, Color ink, Color muted, Color danger, Color edge,
    Color featuresBand, Color denseBand, Color blockFill, Color blockStroke, Color concatFill, Color concatStroke,
    Color residualFill, Color residualStroke, Color selectedFill, Color selectedStroke, Color brokenFill,
    Color slotStroke, Color askFill, Color ask, Color connector) {

  public static final DiagramColours LIGHT = new DiagramColours(Color.WHITE, Color.web("#1f2328"),
      Color.web("#59636e"), Color.web("#cf222e"), Color.web("#6e7781"), Color.web("#f1f5fb"), Color.web("#f2f8f0"),
      Color.web("#fafbfc"), Color.web("#d0d7de"), Color.web("#f6f1ff"), Color.web("#c9b6f2"), Color.web("#edf8f6"),
      Color.web("#96d4ca"), Color.web("#fff1b8"), Color.web("#d4a72c"), Color.web("#ffebe9"), Color.web("#afb8c1"),
      Color.web("#ddf4ff"), Color.web("#0969da"), Color.web("#8c959f"));

  public static final DiagramColours DARK = new DiagramColours(Color.web("#0d1117"), Color.web("#e6edf3"),
      Color.web("#9da7b3"), Color.web("#ff7b72"), Color.web("#8b949e"), Color.web("#161b22"), Color.web("#13201a"),
      Color.web("#161b22"), Color.web("#30363d"), Color.web("#1e1633"), Color.web("#6e5aa8"), Color.web("#0f2523"),
      Color.web("#2f7f74"), Color.web("#4a3c00"), Color.web("#d4a72c"), Color.web("#4b1113"), Color.web("#6e7681"),
      Color.web("#0c2d4f"), Color.web("#58a6ff"), Color.web("#8b949e"));

  /** The set for a window: its root's background and the text colour CSS gives a label in it. */
  public static DiagramColours forWindow(Scene scene, Paint text) {
    Color background = null;
    if (scene != null && scene.getRoot() instanceof Region r) {
      Background bg = r.getBackground();
      if (bg != null && !bg.getFills().isEmpty() && bg.getFills().get(0).getFill() instanceof Color c) {
        background = c;
      }
    }
    return forWindow(background, text instanceof Color c ? c : null);
  }

  /** Whether a colour is dark (relative luminance below one half). */
  static boolean dark(Color c) {
    return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue() < 0.5;
  }

  /**
   * The set for a window with this background and text colour: the dark set on a dark background,
   * drawn on that background with that text colour (so high-contrast dark stays black and white).
   */
  public static DiagramColours forWindow(Color background, Color text) {
    if (background == null || !dark(background)) {
      return LIGHT;
    }
    Color ink = text != null && !dark(text) ? text : DARK.ink();
    return new DiagramColours(background, ink, DARK.muted(), DARK.danger(), DARK.edge(), DARK.featuresBand(),
        DARK.denseBand(), DARK.blockFill(), DARK.blockStroke(), DARK.concatFill(), DARK.concatStroke(),
        DARK.residualFill(), DARK.residualStroke(), DARK.selectedFill(), DARK.selectedStroke(), DARK.brokenFill(),
        DARK.slotStroke(), DARK.askFill(), DARK.ask(), DARK.connector());
  }
}
