package org.latentnav.ui.view;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.latentnav.ui.viewmodel.AttributeViewModel;
import org.latentnav.ui.viewmodel.EditorViewModel;

/**
 * The controls of one attribute: name, a slider for epsilon with the clipped parts of its range
 * shaded, a hold toggle, a reset button and the regressor's values.
 */
final class AttributeRow extends VBox {
    /** Distance from each end of the slider to the centre of the thumb at min or max. */
    private static final double THUMB_INSET = 8;

    private final Slider slider;
    private final Region lowerBand = new Region();
    private final Region upperBand = new Region();

    AttributeRow(AttributeViewModel attribute, int index, EditorViewModel editor) {
        getStyleClass().add("attribute-row");
        setSpacing(2);
        setPadding(new Insets(6, 8, 6, 8));

        Label name = new Label(attribute.name());
        name.getStyleClass().add("attribute-name");
        Label epsilon = new Label();
        epsilon.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> String.format(Locale.ROOT, "ε %+.2f", attribute.epsilon()),
                                attribute.epsilonProperty()));
        epsilon.getStyleClass().add("attribute-epsilon");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        ToggleButton hold = new ToggleButton();
        hold.setId("hold-" + attribute.name());
        hold.selectedProperty().bindBidirectional(attribute.heldProperty());
        hold.setGraphic(Icons.icon(MaterialDesignL.LOCK_OPEN_VARIANT));
        hold.selectedProperty()
                .addListener(
                        (p, o, held) ->
                                hold.setGraphic(
                                        Icons.icon(
                                                held
                                                        ? MaterialDesignL.LOCK
                                                        : MaterialDesignL.LOCK_OPEN_VARIANT)));
        hold.setTooltip(
                new Tooltip("Hold " + attribute.name() + " fixed while other attributes move"));
        Button reset =
                Icons.decorate(
                        new Button(), MaterialDesignR.RESTORE, "Reset " + attribute.name(), null);
        reset.setOnAction(e -> editor.reset(index));
        HBox header = new HBox(6, name, epsilon, spacer, hold, reset);
        header.setAlignment(Pos.CENTER_LEFT);

        slider = new Slider(AttributeViewModel.MIN_EPSILON, AttributeViewModel.MAX_EPSILON, 0);
        slider.setId("slider-" + attribute.name());
        slider.setBlockIncrement(0.05);
        slider.setMajorTickUnit(0.5);
        slider.setShowTickMarks(true);
        slider.valueProperty().bindBidirectional(attribute.epsilonProperty());
        slider.disableProperty().bind(attribute.heldProperty());
        slider.valueChangingProperty()
                .addListener(
                        (p, o, changing) -> {
                            if (changing) {
                                editor.beginGesture();
                            } else {
                                editor.endGesture();
                            }
                        });
        slider.setTooltip(
                new Tooltip(
                        "Requested change ε of "
                                + attribute.name()
                                + ". Shaded ends would push the target past 0 or 1 and are"
                                + " clipped."));
        lowerBand.getStyleClass().addAll("clip-band", "clip-band-lower");
        upperBand.getStyleClass().addAll("clip-band", "clip-band-upper");
        lowerBand.setMouseTransparent(true);
        upperBand.setMouseTransparent(true);
        // Unmanaged, so that the pane keeps the sizes set in layoutBands.
        lowerBand.setManaged(false);
        upperBand.setManaged(false);
        Pane bands = new Pane(lowerBand, upperBand);
        bands.setMouseTransparent(true);
        StackPane track = new StackPane(bands, slider);
        bands.widthProperty().addListener((p, o, v) -> layoutBands(attribute, bands));
        bands.heightProperty().addListener((p, o, v) -> layoutBands(attribute, bands));
        attribute.lowerLimitProperty().addListener((p, o, v) -> layoutBands(attribute, bands));
        attribute.upperLimitProperty().addListener((p, o, v) -> layoutBands(attribute, bands));

        Label values = new Label();
        values.setId("values-" + attribute.name());
        values.getStyleClass().add("attribute-values");
        values.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> valuesText(attribute),
                                attribute.alphaProperty(),
                                attribute.targetProperty(),
                                attribute.editedProperty()));
        values.setTooltip(
                new Tooltip(
                        "α: regressor value of the original image. Target: clip(α + ε, 0, 1)."
                                + " Edited: regressor value of the edited image."));
        attribute
                .clippedBinding()
                .addListener(
                        (p, o, clipped) -> values.pseudoClassStateChanged(Styles.CLIPPED, clipped));

        getChildren().addAll(header, track, values);
    }

    Slider slider() {
        return slider;
    }

    private static String valuesText(AttributeViewModel attribute) {
        if (Double.isNaN(attribute.alphaProperty().get())) {
            return "α –   target –   edited –";
        }
        return String.format(
                Locale.ROOT,
                "α %.2f   target %.2f   edited %.2f",
                attribute.alphaProperty().get(),
                attribute.targetProperty().get(),
                attribute.editedProperty().get());
    }

    /** Places the shaded bands over the slider positions outside [lowerLimit, upperLimit]. */
    private void layoutBands(AttributeViewModel attribute, Pane bands) {
        double width = bands.getWidth() - 2 * THUMB_INSET;
        double height = bands.getHeight();
        double y = 0;
        double range = AttributeViewModel.MAX_EPSILON - AttributeViewModel.MIN_EPSILON;
        double lower = (attribute.lowerLimit() - AttributeViewModel.MIN_EPSILON) / range * width;
        double upper = (attribute.upperLimit() - AttributeViewModel.MIN_EPSILON) / range * width;
        lowerBand.resizeRelocate(THUMB_INSET, Math.max(0, y), Math.max(0, lower), height);
        upperBand.resizeRelocate(
                THUMB_INSET + upper, Math.max(0, y), Math.max(0, width - upper), height);
    }
}
