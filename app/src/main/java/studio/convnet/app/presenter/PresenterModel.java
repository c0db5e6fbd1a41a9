package studio.convnet.app.presenter;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Presenter settings for a lecture hall: zoom of every view, the theme, full screen,
 * a blanked screen. Pure state; the
 * main window binds to it.
 */
public final class PresenterModel {

  /** Themes: the AtlantaFX Primer pair, and two high-contrast ones for projectors. */
  public enum Theme {
    LIGHT("Light"), DARK("Dark"), CONTRAST_LIGHT("High contrast, light"), CONTRAST_DARK("High contrast, dark");

    private final String label;

    Theme(String label) {
      this.label = label;
    }

    public boolean dark() {
      return this == DARK || this == CONTRAST_DARK;
    }

    public boolean highContrast() {
      return this == CONTRAST_LIGHT || this == CONTRAST_DARK;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public static final double BASE_FONT = 13;
  public static final double MIN_ZOOM = 0.75;
  public static final double MAX_ZOOM = 2.5;
  private static final double STEP = 1.15;

  private final DoubleProperty zoom = new SimpleDoubleProperty(1.0);
  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
  private final BooleanProperty fullScreen = new SimpleBooleanProperty(false);
  private final BooleanProperty blank = new SimpleBooleanProperty(false);
  private final BooleanProperty diagnostics = new SimpleBooleanProperty(false);

  public void zoomIn() {
    zoom.set(Math.min(MAX_ZOOM, round(zoom.get() * STEP)));
  }

  public void zoomOut() {
    zoom.set(Math.max(MIN_ZOOM, round(zoom.get() / STEP)));
  }

  public void resetZoom() {
    zoom.set(1.0);
  }

  /** Blanks the screen (B or . on a clicker, as in slide shows); any key brings it back. */
  public void toggleBlank() {
    blank.set(!blank.get());
  }

  public void toggleFullScreen() {
    fullScreen.set(!fullScreen.get());
  }

  /** The root font size in pixels: every em-based size in the theme follows it. */
  public double fontSize() {
    return Math.round(BASE_FONT * zoom.get() * 10) / 10.0;
  }

  private static double round(double z) {
    return Math.round(z * 100) / 100.0;
  }

  public DoubleProperty zoomProperty() {
    return zoom;
  }

  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  /** Developer figures (timings) on screen; off for the room. */
  public BooleanProperty diagnosticsProperty() {
    return diagnostics;
  }

  public BooleanProperty blankProperty() {
    return blank;
  }

  public BooleanProperty fullScreenProperty() {
    return fullScreen;
  }
}
