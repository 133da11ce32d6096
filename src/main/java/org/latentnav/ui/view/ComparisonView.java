package org.latentnav.ui.view;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.latentnav.ui.service.ModelEntry;
import org.latentnav.ui.viewmodel.ComparisonViewModel;
import org.latentnav.ui.viewmodel.EditorViewModel;

/**
 * The comparison tab: two direction sets side by side, each rendered from the editor's latent and
 * slider values and measured by the regressor it was trained with.
 */
final class ComparisonView extends BorderPane {
    ComparisonView(ComparisonViewModel comparison, EditorViewModel editor) {
        getStyleClass().add("comparison-view");
        Label note =
                new Label(
                        "Same latent and slider values as the Editor tab. Each side uses the"
                                + " regressor its directions were trained through.");
        note.setPadding(new Insets(8));
        setTop(note);
        HBox sides =
                new HBox(
                        16,
                        side(comparison.left(), editor, "left"),
                        side(comparison.right(), editor, "right"));
        sides.setPadding(new Insets(8));
        setCenter(sides);
    }

    private Node side(ComparisonViewModel.Side side, EditorViewModel editor, String id) {
        ComboBox<ModelEntry> picker = new ComboBox<>(editor.directionSets());
        picker.setId("comparison-" + id + "-directions");
        picker.valueProperty().bindBidirectional(side.directionsProperty());
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setTooltip(new Tooltip("Direction set shown on this side"));

        FrameView image = new FrameView();
        image.setId("comparison-" + id + "-image");
        image.setFitWidth(300);
        image.setFitHeight(300);
        image.smoothProperty().bind(editor.smoothProperty());
        side.frameProperty()
                .addListener(
                        (p, o, frame) ->
                                image.show(
                                        frame == null ? null : frame.edited(),
                                        frame == null ? 0 : frame.resolution()));
        Label problem = new Label();
        problem.setWrapText(true);
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(side.problemProperty());
        problem.visibleProperty().bind(side.problemProperty().isNotNull());
        StackPane frame = new StackPane(image, problem);
        frame.getStyleClass().add("frame");
        frame.setMinSize(300, 300);

        TableView<ComparisonViewModel.Row> table = new TableView<>(side.rows());
        table.setId("comparison-" + id + "-table");
        table.getColumns().add(column("Attribute", ComparisonViewModel.Row::attribute));
        table.getColumns().add(number("ε", ComparisonViewModel.Row::epsilon, "%+.2f"));
        table.getColumns().add(number("α", ComparisonViewModel.Row::alpha, "%.3f"));
        table.getColumns().add(number("target", ComparisonViewModel.Row::target, "%.3f"));
        table.getColumns().add(number("edited", ComparisonViewModel.Row::edited, "%.3f"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(160);

        Label figures = new Label();
        figures.setId("comparison-" + id + "-figures");
        figures.getStyleClass().add("figures");
        figures.textProperty().bind(side.figuresProperty());

        VBox box = new VBox(8, picker, frame, table, figures);
        box.setAlignment(Pos.TOP_CENTER);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private static TableColumn<ComparisonViewModel.Row, String> column(
            String title, Function<ComparisonViewModel.Row, String> value) {
        TableColumn<ComparisonViewModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }

    private static TableColumn<ComparisonViewModel.Row, String> number(
            String title, Function<ComparisonViewModel.Row, Double> value, String format) {
        return column(title, row -> String.format(Locale.ROOT, format, value.apply(row)));
    }
}
