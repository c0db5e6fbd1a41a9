package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import studio.convnet.app.architecture.Answers.Verdict;
import studio.convnet.engine.arch.Summaries;

/**
 * The table of one network's layers: output shape, parameters, multiply-adds, memory and totals, the
 * first broken layer in red; the shape and parameter cells turn into answer fields while a student is
 * to predict them.
 *
 * <p>An edit that changes values but not which rows are listed updates them in place: each listed
 * row has a {@link Line} property the cells observe, and only cells whose line changed redraw. A
 * change of the items list, even replacing one row, makes a TableView rebuild every visible cell and
 * re-apply CSS to it, which cost more than the rest of an edit together.
 */
final class LayerTable {

  /** What one row shows: its values and, for the two predicted columns, the exercise's state. */
  record Line(Side side, Row row, Ask shape, Ask params) {
    Ask ask(Column c) {
      return c == Column.SHAPE ? shape : params;
    }
  }

  /** A value to predict: hidden (with the answer given and whether it was wrong), or answered right. */
  record Ask(boolean hidden, String answer, boolean wrong, boolean right) {
    static final Ask NONE = new Ask(false, "", false, false);
  }

  private final ArchitectureViewModel model;
  private final TableView<Row> table = new TableView<>();
  /** The listed rows; changed in place (not through the observable list) when only values change. */
  private final List<Row> rows = new ArrayList<>();
  private final ObservableList<Row> items = FXCollections.observableList(rows);
  /** Each listed row's line, by the row object in {@link #rows}. */
  private final Map<Row, ObjectProperty<Line>> lines = new IdentityHashMap<>();
  private double[] baseWidths; // each column's width at zoom 1

  LayerTable(ArchitectureViewModel model) {
    this.model = model;
    table.setItems(items);
    build();
  }

  /** The buttons that choose which network the table lists. */
  Node header() {
    ToggleGroup group = new ToggleGroup();
    HBox box = new HBox(4, new Label("Table:"));
    box.setAlignment(Pos.CENTER_LEFT);
    for (Side s : Side.values()) {
      ToggleButton b = new ToggleButton();
      b.setId("table-" + s.name().toLowerCase());
      b.setToggleGroup(group);
      b.getStyleClass().add("small");
      b.textProperty().bind(model.summaryProperty(s).map(sum -> sum.spec().title()));
      b.setSelected(model.tableSideProperty().get() == s);
      b.setOnAction(e -> {
        model.tableSideProperty().set(s);
        b.setSelected(true);
      });
      model.tableSideProperty().addListener((o, a, side) -> b.setSelected(side == s));
      box.getChildren().add(b);
    }
    return box;
  }

  TableView<Row> node() {
    return table;
  }

  private void build() {
    table.setId("layerTable");
    table.getStyleClass().add("dense");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(layerColumn());
    table.getColumns().add(textColumn("type", 116, Row::type));
    table.getColumns().add(predictColumn("output", 116, Column.SHAPE));
    table.getColumns().add(predictColumn("params", 112, Column.PARAMS));
    table.getColumns().add(textColumn("MACs", 124,
        r -> r.kind() == Row.Kind.BROKEN ? "" : Summaries.num(r.macs())));
    table.getColumns().add(textColumn("memory", 84,
        r -> r.kind() == Row.Kind.BROKEN ? "" : Summaries.bytes(r.bytes())));
    table.getColumns().add(textColumn("RF", 56, Row::rf));
    table.getColumns().add(textColumn("jump", 60, Row::jump));
    baseWidths = table.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).toArray();
    zoom(1);
    table.getColumns().get(6).setId("col-rf");
    table.getColumns().get(7).setId("col-jump");
    table.setRowFactory(t -> new TableRow<>() {
      @Override
      protected void updateItem(Row r, boolean empty) {
        super.updateItem(r, empty);
        styleClass(this, "row-broken", !empty && r != null && r.kind() == Row.Kind.BROKEN);
        styleClass(this, "row-total", !empty && r != null && r.kind() == Row.Kind.TOTAL);
        styleClass(this, "row-block", !empty && r != null && r.kind() == Row.Kind.BLOCK);
      }
    });
    table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
      if (r != null && r.kind() != Row.Kind.TOTAL) {
        model.select(model.tableSideProperty().get(), r.name());
      }
    });
    // → opens the selected block, ← folds it (or the block around the selected layer)
    table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.RIGHT && !(e.getTarget() instanceof TextField)) {
        model.folding().expandSelected();
        e.consume();
      } else if (e.getCode() == KeyCode.LEFT && !(e.getTarget() instanceof TextField)) {
        model.folding().collapseSelected();
        e.consume();
      }
    });
  }

  /**
   * The presenter's zoom: the columns widen with their text (their widths were pixels, so at 132 % the
   * numbers were cut to "…"), and none is squeezed below that: a table wider than its pane scrolls.
   */
  void zoom(double z) {
    for (int i = 0; i < baseWidths.length; i++) {
      TableColumn<Row, ?> c = table.getColumns().get(i);
      c.setMinWidth(baseWidths[i] * z);
      c.setPrefWidth(baseWidths[i] * z);
    }
  }

  /** A path as a CSS id can hold it ("b3-inception3a-b2-conv2"). */
  static String idOf(String path) {
    return path.replace('/', '-');
  }

  /** The layer's short name, indented by depth; a block's line starts with ▸ (folded) or ▾, which folds it. */
  private TableColumn<Row, Line> layerColumn() {
    TableColumn<Row, Line> c = column("layer", 132);
    c.setCellFactory(col -> new TableCell<>() {
      private final Label fold = new Label();

      {
        fold.setMinWidth(12);
        fold.setOnMouseClicked(e -> {
          Row r = getItem() == null ? null : getItem().row();
          if (r != null && r.kind() == Row.Kind.BLOCK) {
            model.folding().toggle(model.tableSideProperty().get(), r.name());
            e.consume();
          }
        });
      }

      @Override
      protected void updateItem(Line line, boolean empty) {
        super.updateItem(line, empty);
        if (empty || line == null) {
          setText(null);
          setGraphic(null);
          return;
        }
        Row r = line.row();
        setText(r.kind() == Row.Kind.BROKEN ? r.name() : r.label());
        String indent = "-fx-padding: 0 0 0 " + (2 + 12 * r.depth()) + "px;";
        if (!indent.equals(getStyle())) {
          setStyle(indent);
        }
        if (r.kind() == Row.Kind.BLOCK) {
          fold.setText(r.collapsed() ? "▸" : "▾");
          fold.setId("fold-" + idOf(r.name()));
          setGraphic(fold);
        } else {
          setGraphic(null);
        }
      }
    });
    return c;
  }

  /**
   * Shows the view-model's rows. When the same rows are listed (same paths and kinds, in order) only
   * the lines that changed are set, and only their cells redraw; otherwise the list is replaced.
   */
  void fill() {
    List<Row> fresh = model.tableRowsProperty().get();
    Side side = model.tableSideProperty().get();
    if (sameRows(fresh)) {
      for (int i = 0; i < fresh.size(); i++) {
        Row r = fresh.get(i);
        ObjectProperty<Line> line = lines.remove(rows.get(i));
        rows.set(i, r); // the same path and kind: no list change, so the table keeps its cells
        lines.put(r, line);
        Line now = line(side, r);
        if (!now.equals(line.get())) {
          line.set(now);
        }
      }
    } else {
      lines.clear();
      for (Row r : fresh) {
        lines.put(r, new SimpleObjectProperty<>(line(side, r)));
      }
      items.setAll(fresh);
    }
    selectRow();
  }

  private boolean sameRows(List<Row> fresh) {
    if (fresh.size() != rows.size()) {
      return false;
    }
    for (int i = 0; i < fresh.size(); i++) {
      Row a = fresh.get(i);
      Row b = rows.get(i);
      if (a.kind() != b.kind() || !a.name().equals(b.name())) {
        return false;
      }
    }
    return true;
  }

  private Line line(Side side, Row r) {
    return new Line(side, r, ask(side, r, Column.SHAPE), ask(side, r, Column.PARAMS));
  }

  private Ask ask(Side side, Row r, Column c) {
    Prediction p = model.prediction();
    if ((r.kind() != Row.Kind.LAYER && r.kind() != Row.Kind.BLOCK)
        || !(c == Column.SHAPE ? p.hideShapesProperty().get() : p.hideParamsProperty().get())) {
      return Ask.NONE; // nothing is asked in this column
    }
    if (p.isHidden(side, r.name(), c)) {
      return new Ask(true, p.answer(side, r.name(), c), p.verdict(side, r.name(), c) == Verdict.WRONG, false);
    }
    return p.isAnsweredRight(side, r.name(), c) ? new Ask(false, "", false, true) : Ask.NONE;
  }

  /** Selects the view-model's selected layer, when it is in the listed network. */
  void selectRow() {
    Selection sel = model.selectionProperty().get();
    List<Row> items = table.getItems();
    for (int i = 0; i < items.size(); i++) {
      if (sel != null && sel.side() == model.tableSideProperty().get() && items.get(i).name().equals(sel.layer())) {
        if (table.getSelectionModel().getSelectedIndex() != i) {
          table.getSelectionModel().clearAndSelect(i);
          table.scrollTo(Math.max(0, i - 3));
        }
        return;
      }
    }
    table.getSelectionModel().clearSelection();
  }

  private static void styleClass(Node n, String style, boolean on) {
    if (on && !n.getStyleClass().contains(style)) {
      n.getStyleClass().add(style);
    } else if (!on) {
      n.getStyleClass().remove(style);
    }
  }

  /** A column whose cells observe their row's line. */
  private TableColumn<Row, Line> column(String title, double width) {
    TableColumn<Row, Line> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setSortable(false);
    c.setCellValueFactory(f -> lines.get(f.getValue()));
    return c;
  }

  private TableColumn<Row, Line> textColumn(String title, double width, Function<Row, String> text) {
    TableColumn<Row, Line> c = column(title, width);
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Line line, boolean empty) {
        super.updateItem(line, empty);
        setText(empty || line == null ? null : text.apply(line.row()));
      }
    });
    return c;
  }

  private TableColumn<Row, Line> predictColumn(String title, double width, Column column) {
    TableColumn<Row, Line> c = column(title, width);
    c.setCellFactory(col -> new PredictCell(column));
    return c;
  }

  /** A cell that shows the value, or, while the student is to predict it, a field to answer in. */
  private final class PredictCell extends TableCell<Row, Line> {
    private final Column column;
    private final String tag;

    PredictCell(Column column) {
      this.column = column;
      this.tag = column == Column.SHAPE ? "shape" : "params";
    }

    @Override
    protected void updateItem(Line line, boolean empty) {
      super.updateItem(line, empty);
      Row r = line == null ? null : line.row();
      Ask ask = empty || line == null ? Ask.NONE : line.ask(column);
      // ids and style classes are CSS selectors: change them only when they change, or every
      // update re-styles the cell (a field to answer in has the id instead)
      String id = empty || r == null || ask.hidden() ? null : "cell-" + tag + "-" + idOf(r.name());
      if (!Objects.equals(getId(), id)) {
        setId(id);
      }
      boolean right = ask.right();
      boolean broken = !empty && r != null && r.kind() == Row.Kind.BROKEN;
      styleClass(this, "verdict-right", right);
      styleClass(this, "broken-cell", broken);
      if (empty || r == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      Side side = line.side();
      if (ask.hidden()) {
        TextField answer = new TextField(ask.answer());
        answer.setId("answer-" + tag + "-" + idOf(r.name()));
        answer.setPromptText(column == Column.SHAPE ? "C×H×W ⏎" : "count ⏎");
        answer.setPrefColumnCount(7);
        answer.getStyleClass().add("answer");
        int index = getIndex();
        answer.setOnAction(e -> {
          model.prediction().submit(side, r.name(), column, answer.getText());
          Platform.runLater(() -> focusNextAnswer(column, index));
        });
        Label mark = new Label(ask.wrong() ? "✗" : "");
        mark.setId("mark-" + tag + "-" + idOf(r.name()));
        mark.getStyleClass().add("verdict-wrong");
        HBox box = new HBox(3, answer, mark);
        box.setAlignment(Pos.CENTER_LEFT);
        setText(null);
        setGraphic(box);
        return;
      }
      setGraphic(null);
      if (broken) {
        setText(column == Column.SHAPE ? "✗ empty" : "");
        return;
      } else if (r.shape() == null) { // a block that holds the broken layer
        setText(column == Column.SHAPE ? "—" : "");
        return;
      }
      String value = column == Column.SHAPE ? r.shape() : (r.params() == 0 ? "–" : Summaries.num(r.params()));
      setText(right ? value + "  ✓" : value);
    }
  }

  /** After an answer, the cursor moves to the next value still to predict in the same column. */
  private void focusNextAnswer(Column column, int after) {
    Side side = model.tableSideProperty().get();
    List<Row> items = table.getItems();
    for (int i = after; i < items.size(); i++) {
      Row r = items.get(i);
      if ((r.kind() == Row.Kind.LAYER || r.kind() == Row.Kind.BLOCK) && model.prediction().isHidden(side, r.name(), column)) {
        table.scrollTo(Math.max(0, i - 3));
        table.layout();
        Node field = table.lookup("#answer-" + (column == Column.SHAPE ? "shape" : "params") + "-" + r.name());
        if (field != null) {
          field.requestFocus();
        }
        return;
      }
    }
  }
}
