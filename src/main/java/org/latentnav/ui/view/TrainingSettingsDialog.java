package org.latentnav.ui.view;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.CheckListView;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.LatentSpace;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.LearningRateSchedule;
import org.latentnav.ui.service.ModelEntry;
import org.latentnav.ui.viewmodel.TrainingSettings;

/**
 * The dialog that configures a direction-training run: a ControlsFX property sheet for the numbers
 * and choices, and a check list for the attributes.
 */
final class TrainingSettingsDialog extends Dialog<ButtonType> {
    TrainingSettingsDialog(TrainingSettings settings, Window owner) {
        initOwner(owner);
        setTitle("Training settings");
        setHeaderText("Settings of the next direction-training run");
        setResizable(true);

        PropertySheet sheet =
                new PropertySheet(
                        javafx.collections.FXCollections.observableArrayList(items(settings)));
        sheet.setId("training-settings");
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(
                item -> {
                    if (item.getType() == ModelEntry.class) {
                        PropertyEditor<?> editor =
                                Editors.createChoiceEditor(item, settings.regressorChoices());
                        return editor;
                    }
                    return defaults.call(item);
                });
        sheet.setPrefSize(480, 520);

        CheckListView<String> attributes = new CheckListView<>(settings.availableAttributes());
        attributes.setId("training-attributes");
        attributes.setPrefWidth(200);
        settings.attributes().forEach(a -> attributes.getCheckModel().check(a));
        settings.availableAttributes()
                .addListener(
                        (ListChangeListener<String>)
                                change ->
                                        settings.attributes()
                                                .forEach(a -> attributes.getCheckModel().check(a)));
        attributes
                .getCheckModel()
                .getCheckedItems()
                .addListener(
                        (ListChangeListener<String>)
                                change ->
                                        settings.attributes()
                                                .setAll(
                                                        attributes
                                                                .getCheckModel()
                                                                .getCheckedItems()));
        VBox attributeBox = new VBox(6, new Label("Attributes to learn"), attributes);
        attributeBox.setPadding(new Insets(0, 0, 0, 12));

        BorderPane content = new BorderPane(sheet);
        content.setRight(attributeBox);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    }

    private static List<PropertySheet.Item> items(TrainingSettings s) {
        return List.of(
                new PropertyItem<>(
                        "Run",
                        "Run name",
                        "Folder name under ~/.latentnav/runs",
                        s.runNameProperty(),
                        String.class),
                new PropertyItem<>(
                        "Run",
                        "Regressor",
                        "The regressor R the directions learn through (ResNet-50 or MobileNetV2)",
                        s.regressorProperty(),
                        ModelEntry.class),
                new PropertyItem<>(
                        "Run",
                        "Seed",
                        "Seed of every random draw of the run",
                        s.seedProperty().asObject(),
                        Long.class),
                new PropertyItem<>(
                        "Data",
                        "Samples per epoch",
                        "Latents drawn per epoch",
                        s.samplesPerEpochProperty().asObject(),
                        Integer.class),
                new PropertyItem<>(
                        "Data",
                        "Batch size",
                        "Latents per iteration",
                        s.batchSizeProperty().asObject(),
                        Integer.class),
                new PropertyItem<>(
                        "Data",
                        "Epochs",
                        "Number of epochs",
                        s.epochsProperty().asObject(),
                        Integer.class),
                new PropertyItem<>(
                        "Data",
                        "Target sampler",
                        "CLIP: alpha + U[-1, 1] clipped to [0, 1]; TARGET: U[0, 1] targets",
                        s.samplerProperty(),
                        DirectionTrainingConfig.Sampler.class),
                new PropertyItem<>(
                        "Data",
                        "Joint",
                        "Move every attribute in each sample",
                        s.jointProperty().asObject(),
                        Boolean.class),
                new PropertyItem<>(
                        "Optimizer",
                        "Learning rate",
                        "Adam learning rate at epoch 0",
                        s.learningRateProperty().asObject(),
                        Double.class),
                new PropertyItem<>(
                        "Optimizer",
                        "Schedule",
                        "Learning-rate schedule per epoch",
                        s.scheduleProperty(),
                        LearningRateSchedule.Kind.class),
                new PropertyItem<>(
                        "Optimizer",
                        "Schedule factor",
                        "Factor of each step, or gamma of the exponential schedule",
                        s.scheduleFactorProperty().asObject(),
                        Double.class),
                new PropertyItem<>(
                        "Optimizer",
                        "Step epochs",
                        "Epochs between steps",
                        s.stepEpochsProperty().asObject(),
                        Integer.class),
                new PropertyItem<>(
                        "Loss",
                        "λ reg",
                        "Weight of the regression loss L_reg",
                        s.lambdaRegProperty().asObject(),
                        Double.class),
                new PropertyItem<>(
                        "Loss",
                        "λ disc",
                        "Weight of L_disc; 0 turns it off",
                        s.lambdaDiscProperty().asObject(),
                        Double.class),
                new PropertyItem<>(
                        "Loss",
                        "λ content",
                        "Weight of L_content; 0 turns it off",
                        s.lambdaContentProperty().asObject(),
                        Double.class),
                new PropertyItem<>(
                        "Directions",
                        "Kind",
                        "GLOBAL: one vector per attribute; LOCAL: a function of z",
                        s.kindProperty(),
                        DirectionKind.class),
                new PropertyItem<>(
                        "Directions",
                        "Latent space",
                        "The space the directions move",
                        s.spaceProperty(),
                        LatentSpace.class));
    }
}
