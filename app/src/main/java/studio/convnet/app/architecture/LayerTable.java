package studio.convnet.app.architecture;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
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
import studio.convnet.app.architecture.ArchitectureViewModel.Column;
import studio.convnet.app.architecture.ArchitectureViewModel.Row;
import studio.convnet.app.architecture.ArchitectureViewModel.Selection;
import studio.convnet.app.architecture.ArchitectureViewModel.Side;
import studio.convnet.engine.arch.Summaries;

/**
 * The table of one network's layers: output shape, parameters, multiply-adds, memory and totals, the
 * first broken layer in red; the shape and parameter cells turn into answer fields while a student is
 * to predict them.
 */
final class LayerTable {

  private final ArchitectureViewModel model;
  private final TableView<Row> table = new TableView<>();
  private double[] baseWidths; // each column's width at zoom 1

  LayerTable(ArchitectureViewModel model) {
    this.model = model;
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
  private TableColumn<Row, Row> layerColumn() {
    TableColumn<Row, Row> c = new TableColumn<>("layer");
    c.setPrefWidth(132);
    c.setSortable(false);
    c.setCellValueFactory(f -> new SimpleObjectProperty<>(f.getValue()));
    c.setCellFactory(col -> new TableCell<>() {
      private final Label fold = new Label();

      {
        fold.setMinWidth(12);
        fold.setOnMouseClicked(e -> {
          Row r = getItem();
          if (r != null && r.kind() == Row.Kind.BLOCK) {
            model.folding().toggle(model.tableSideProperty().get(), r.name());
            e.consume();
          }
        });
      }

      @Override
      protected void updateItem(Row r, boolean empty) {
        super.updateItem(r, empty);
        if (empty || r == null) {
          setText(null);
          setGraphic(null);
          return;
        }
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

  /** Shows the view-model's rows; cells update in place (TableView.refresh would recreate them all). */
  void fill() {
    table.getItems().setAll(model.tableRowsProperty().get());
    selectRow();
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

  private static TableColumn<Row, Row> textColumn(String title, double width,
      Function<Row, String> text) {
    TableColumn<Row, Row> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setSortable(false);
    c.setCellValueFactory(f -> new SimpleObjectProperty<>(f.getValue()));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Row r, boolean empty) {
        super.updateItem(r, empty);
        setText(empty || r == null ? null : text.apply(r));
      }
    });
    return c;
  }

  private TableColumn<Row, Row> predictColumn(String title, double width, Column column) {
    TableColumn<Row, Row> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setSortable(false);
    c.setCellValueFactory(f -> new SimpleObjectProperty<>(f.getValue()));
    c.setCellFactory(col -> new PredictCell(column));
    return c;
  }

  /** A cell that shows the value, or, while the student is to predict it, a field to answer in. */
  private final class PredictCell extends TableCell<Row, Row> {
    private final Column column;
    private final String tag;

    PredictCell(Column column) {
      this.column = column;
      this.tag = column == Column.SHAPE ? "shape" : "params";
    }

    @Override
    protected boolean isItemChanged(Row oldItem, Row newItem) {
      return true; // an equal row may have a new answer or verdict: always redraw
    }

    @Override
    protected void updateItem(Row r, boolean empty) {
      super.updateItem(r, empty);
      // ids and style classes are CSS selectors: change them only when they change, or every
      // update re-styles the cell
      String id = empty || r == null ? null : "cell-" + tag + "-" + idOf(r.name());
      if (!Objects.equals(getId(), id)) {
        setId(id);
      }
      boolean right = !empty && r != null && (r.kind() == Row.Kind.LAYER || r.kind() == Row.Kind.BLOCK)
          && model.prediction().isAnsweredRight(model.tableSideProperty().get(), r.name(), column);
      boolean broken = !empty && r != null && r.kind() == Row.Kind.BROKEN;
      styleClass(this, "verdict-right", right);
      styleClass(this, "broken-cell", broken);
      if (empty || r == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      Side side = model.tableSideProperty().get();
      if ((r.kind() == Row.Kind.LAYER || r.kind() == Row.Kind.BLOCK) && model.prediction().isHidden(side, r.name(), column)) {
        TextField answer = new TextField(model.prediction().answer(side, r.name(), column));
        answer.setId("answer-" + tag + "-" + idOf(r.name()));
        answer.setPromptText(column == Column.SHAPE ? "C×H×W ⏎" : "count ⏎");
        answer.setPrefColumnCount(7);
        answer.getStyleClass().add("answer");
        int index = getIndex();
        answer.setOnAction(e -> {
          model.prediction().submit(side, r.name(), column, answer.getText());
          Platform.runLater(() -> focusNextAnswer(column, index));
        });
        Label mark = new Label(model.prediction().verdict(side, r.name(), column) == Verdict.WRONG ? "✗" : "");
        mark.setId("mark-" + tag + "-" + idOf(r.name()));
        mark.getStyleClass().add("verdict-wrong");
        HBox box = new HBox(3, answer, mark);
        box.setAlignment(Pos.CENTER_LEFT);
        setId(null);
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
