package org.latentnav.ui.view;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.latentnav.ui.service.ModelEntry;
import org.latentnav.ui.service.RenderResult;
import org.latentnav.ui.viewmodel.AttributeViewModel;
import org.latentnav.ui.viewmodel.EditorViewModel;

/**
 * The editor tab: a tool bar, model pickers on the left, the original, edited and difference images
 * in the middle and one {@link AttributeRow} per attribute on the right.
 */
final class EditorView extends BorderPane {
    private static final double SIDEBAR_WIDTH = 240;
    private static final double SLIDERS_WIDTH = 360;

    private final EditorViewModel editor;
    private final FrameView original = new FrameView();
    private final FrameView edited = new FrameView();
    private final FrameView difference = new FrameView();
    private final VBox sliders = new VBox();
    private final TextField seedField = new TextField();

    EditorView(EditorViewModel editor) {
        this.editor = editor;
        getStyleClass().add("editor-view");
        setTop(toolBar());
        setLeft(sidebar());
        setCenter(images());
        setRight(sliderPanel());
        editor.frameProperty().addListener((p, o, frame) -> showFrame(frame));
        showFrame(editor.frameProperty().get());
    }

    // ---- Tool bar ----

    private ToolBar toolBar() {
        seedField.setId("seed");
        seedField.setPrefColumnCount(8);
        seedField.setTextFormatter(
                new TextFormatter<>(
                        change -> change.getControlNewText().matches("\\d{0,18}") ? change : null));
        seedField.setTooltip(new Tooltip("Seed of the latent z; press Enter to show its face"));
        seedField.setOnAction(e -> goToTypedSeed());
        editor.latentProperty()
                .addListener(
                        (p, o, latent) ->
                                seedField.setText(latent.seed() == null ? "" : latent.label()));
        seedField.setText(editor.latentProperty().get().label());

        Button random =
                button(
                        "random",
                        MaterialDesignD.DICE_5,
                        "Random face",
                        "Ctrl+R",
                        editor::randomFace);
        Button back =
                button(
                        "back",
                        MaterialDesignA.ARROW_LEFT,
                        "Previous face",
                        "Alt+Left",
                        editor::back);
        back.disableProperty().bind(editor.canGoBackProperty().not());
        Button forward =
                button(
                        "forward",
                        MaterialDesignA.ARROW_RIGHT,
                        "Next face",
                        "Alt+Right",
                        editor::forward);
        forward.disableProperty().bind(editor.canGoForwardProperty().not());
        Button undo =
                button("undo", MaterialDesignU.UNDO, "Undo slider change", "Ctrl+Z", editor::undo);
        undo.disableProperty().bind(editor.canUndoProperty().not());
        Button redo = button("redo", MaterialDesignR.REDO, "Redo", "Ctrl+Y", editor::redo);
        redo.disableProperty().bind(editor.canRedoProperty().not());
        Button resetAll =
                button(
                        "reset-all",
                        MaterialDesignR.RESTORE,
                        "Reset all sliders",
                        "Ctrl+0",
                        editor::resetAll);

        Slider truncation =
                new Slider(EditorViewModel.MIN_TRUNCATION, 1, EditorViewModel.DEFAULT_TRUNCATION);
        truncation.setId("truncation");
        truncation.setPrefWidth(120);
        truncation.setBlockIncrement(0.05);
        truncation.valueProperty().bindBidirectional(editor.truncationProperty());
        truncation
                .valueChangingProperty()
                .addListener(
                        (p, o, changing) -> {
                            if (changing) {
                                editor.beginGesture();
                            } else {
                                editor.endGesture();
                            }
                        });
        truncation.setTooltip(new Tooltip("Truncation ψ: lower values give more typical faces"));
        Label truncationValue = new Label();
        truncationValue
                .textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        String.format(
                                                Locale.ROOT,
                                                "ψ %.2f",
                                                editor.truncationProperty().get()),
                                editor.truncationProperty()));

        ToggleButton showOriginal =
                toggle("show-original", MaterialDesignE.EYE, "Show the original", "Ctrl+B");
        showOriginal.selectedProperty().bindBidirectional(editor.showOriginalProperty());
        ToggleButton showDifference =
                toggle("show-difference", MaterialDesignC.COMPARE, "Show the difference", "Ctrl+D");
        showDifference.selectedProperty().bindBidirectional(editor.showDifferenceProperty());
        ToggleButton smooth =
                toggle(
                        "smooth",
                        MaterialDesignB.BLUR,
                        "Smooth upscaling (off: square pixels)",
                        "Ctrl+P");
        smooth.selectedProperty().bindBidirectional(editor.smoothProperty());

        MenuButton save = new MenuButton();
        Icons.decorate(save, MaterialDesignC.CONTENT_SAVE, "Save image or session", null);
        save.getItems()
                .addAll(
                        item("Save edited PNG...  (Ctrl+S)", () -> savePng(false)),
                        item("Save before/after PNG...  (Ctrl+Shift+S)", () -> savePng(true)),
                        item("Export slider sweep GIF...  (Ctrl+G)", this::exportSweep),
                        item("Save session...  (Ctrl+E)", this::saveSession),
                        item("Open session...  (Ctrl+O)", this::openSession));
        Button copy =
                button(
                        "copy",
                        MaterialDesignC.CONTENT_COPY,
                        "Copy the edited image",
                        "Ctrl+Shift+C",
                        this::copyImage);
        Button reload =
                button(
                        "reload",
                        MaterialDesignR.REFRESH,
                        "Rescan the model folders",
                        "F5",
                        editor::refreshCatalog);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(
                new Label("Seed"),
                seedField,
                random,
                back,
                forward,
                new Separator(),
                undo,
                redo,
                resetAll,
                new Separator(),
                new Label("Truncation"),
                truncation,
                truncationValue,
                new Separator(),
                showOriginal,
                showDifference,
                smooth,
                spacer,
                copy,
                save,
                reload);
    }

    private Button button(
            String id, org.kordamp.ikonli.Ikon icon, String tip, String key, Runnable action) {
        Button button = Icons.decorate(new Button(), icon, tip, key);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private ToggleButton toggle(String id, org.kordamp.ikonli.Ikon icon, String tip, String key) {
        ToggleButton button = Icons.decorate(new ToggleButton(), icon, tip, key);
        button.setId(id);
        return button;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    void goToTypedSeed() {
        String text = seedField.getText().trim();
        if (!text.isEmpty()) {
            editor.goToSeed(Long.parseLong(text));
        }
    }

    // ---- Side bar ----

    private Node sidebar() {
        VBox box = new VBox(6);
        box.setPadding(new Insets(8));
        box.setMinWidth(SIDEBAR_WIDTH);
        box.setPrefWidth(SIDEBAR_WIDTH);
        box.setMaxWidth(SIDEBAR_WIDTH);
        ComboBox<ModelEntry> generators =
                picker("generator-picker", editor.generators(), editor.generatorProperty());
        ComboBox<ModelEntry> sets =
                picker("directions-picker", editor.directionSets(), editor.directionsProperty());
        ComboBox<ModelEntry> regressors =
                picker("regressor-picker", editor.regressors(), editor.regressorProperty());
        box.getChildren().addAll(caption("Generator"), generators);
        box.getChildren().addAll(caption("Direction set"), sets);
        box.getChildren().addAll(caption("Regressor"), regressors);

        Label info = new Label();
        info.setWrapText(true);
        info.getStyleClass().add("model-info");
        info.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                this::modelInfo,
                                editor.directionsProperty(),
                                editor.generatorProperty(),
                                editor.frameProperty()));
        Label loading = new Label("Loading models...");
        loading.visibleProperty().bind(editor.loadingProperty());
        box.getChildren().addAll(new Separator(), info, loading);

        TitledPane pane = new TitledPane("Models", box);
        pane.setCollapsible(false);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }

    private String modelInfo() {
        ModelEntry set = editor.directionsProperty().get();
        RenderResult frame = editor.frameProperty().get();
        StringBuilder text = new StringBuilder();
        if (set != null) {
            text.append("Directions: ")
                    .append(set.card().architecture)
                    .append(", space ")
                    .append(set.card().latentSpace);
            String through = set.hyperParameter("regressor");
            if (through != null) {
                text.append(", trained through ").append(through);
            }
            text.append('\n');
        }
        if (frame != null) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "Resolution: %d px\nRender: %.1f ms",
                            frame.resolution(),
                            frame.milliseconds()));
            if (frame.corrections() > 0) {
                text.append(
                        String.format(Locale.ROOT, "\nHold corrections: %d", frame.corrections()));
            }
        }
        return text.toString();
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("caption");
        return label;
    }

    private static ComboBox<ModelEntry> picker(
            String id,
            javafx.collections.ObservableList<ModelEntry> items,
            javafx.beans.property.ObjectProperty<ModelEntry> selected) {
        ComboBox<ModelEntry> box = new ComboBox<>(items);
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(selected);
        box.setTooltip(new Tooltip("Models found in the models folder and in ~/.latentnav"));
        return box;
    }

    // ---- Images ----

    private Node images() {
        VBox originalBox = framed(original, "Original");
        VBox editedBox = framed(edited, "Edited");
        VBox differenceBox = framed(difference, "Difference ×4");
        edited.setId("edited-image");
        original.setId("original-image");
        originalBox.visibleProperty().bind(editor.showOriginalProperty());
        originalBox.managedProperty().bind(editor.showOriginalProperty());
        differenceBox.visibleProperty().bind(editor.showDifferenceProperty());
        differenceBox.managedProperty().bind(editor.showDifferenceProperty());
        for (FrameView view : List.of(original, edited, difference)) {
            view.smoothProperty().bind(editor.smoothProperty());
        }
        HBox row = new HBox(12, originalBox, editedBox, differenceBox);
        row.setAlignment(Pos.CENTER);
        row.setPadding(new Insets(12));

        Label problem = new Label();
        problem.setId("problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(editor.problemProperty());
        problem.visibleProperty().bind(editor.problemProperty().isNotNull());
        row.visibleProperty().bind(editor.problemProperty().isNull());

        StackPane stack = new StackPane(row, problem);
        stack.getStyleClass().add("image-area");
        // The images are sized from the space this pane gets, so its minimum must not follow
        // their size, or each resize would feed the next one.
        stack.setMinSize(0, 0);
        row.setMinSize(0, 0);
        // Each visible image gets an equal share of the width, up to the height available.
        Runnable resize =
                () -> {
                    int shown =
                            1
                                    + (editor.showOriginalProperty().get() ? 1 : 0)
                                    + (editor.showDifferenceProperty().get() ? 1 : 0);
                    double side =
                            Math.max(
                                    64,
                                    Math.min(
                                            (stack.getWidth() - 24 - 12 * (shown - 1)) / shown,
                                            stack.getHeight() - 60));
                    for (FrameView view : List.of(original, edited, difference)) {
                        view.setFitWidth(side);
                        view.setFitHeight(side);
                    }
                };
        stack.widthProperty().addListener((p, o, v) -> resize.run());
        stack.heightProperty().addListener((p, o, v) -> resize.run());
        editor.showOriginalProperty().addListener((p, o, v) -> resize.run());
        editor.showDifferenceProperty().addListener((p, o, v) -> resize.run());
        return stack;
    }

    private static VBox framed(FrameView view, String title) {
        Label label = caption(title);
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("frame");
        VBox box = new VBox(4, label, frame);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void showFrame(RenderResult frame) {
        if (frame == null) {
            original.show(null, 0);
            edited.show(null, 0);
            difference.show(null, 0);
            return;
        }
        original.show(frame.original(), frame.resolution());
        edited.show(frame.edited(), frame.resolution());
        difference.show(frame.difference(), frame.resolution());
    }

    // ---- Sliders ----

    private Node sliderPanel() {
        sliders.setSpacing(2);
        editor.attributes()
                .addListener((ListChangeListener<AttributeViewModel>) c -> rebuildSliders());
        rebuildSliders();
        ScrollPane scroll = new ScrollPane(sliders);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        TitledPane pane = new TitledPane("Attributes", scroll);
        pane.setCollapsible(false);
        // A fixed width keeps the sliders still while their labels change length. A panel
        // that grew with its text would move the thumb away from a dragging mouse.
        pane.setMinWidth(SLIDERS_WIDTH);
        pane.setPrefWidth(SLIDERS_WIDTH);
        pane.setMaxWidth(SLIDERS_WIDTH);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }

    private void rebuildSliders() {
        sliders.getChildren().clear();
        for (int i = 0; i < editor.attributes().size(); i++) {
            sliders.getChildren().add(new AttributeRow(editor.attributes().get(i), i, editor));
        }
    }

    // ---- Files and clipboard ----

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private FileChooser chooser(String title, String description, String extension, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter(description, "*." + extension));
        chooser.setInitialFileName(name);
        return chooser;
    }

    void savePng(boolean strip) {
        String name =
                "face-"
                        + editor.latentProperty().get().label()
                        + (strip ? "-before-after" : "")
                        + ".png";
        var file = chooser("Save PNG", "PNG image", "png", name).showSaveDialog(window());
        if (file != null) {
            editor.savePng(file.toPath(), strip);
        }
    }

    void exportSweep() {
        List<String> names = editor.attributes().stream().map(AttributeViewModel::name).toList();
        if (names.isEmpty()) {
            return;
        }
        ChoiceDialog<String> dialog = new ChoiceDialog<>(names.get(0), names);
        dialog.initOwner(window());
        dialog.setTitle("Export sweep GIF");
        dialog.setHeaderText("Sweep one attribute's ε from -1 to 1 and back.");
        dialog.setContentText("Attribute:");
        dialog.showAndWait()
                .ifPresent(
                        name -> {
                            var file =
                                    chooser(
                                                    "Export GIF",
                                                    "GIF animation",
                                                    "gif",
                                                    "sweep-" + name + ".gif")
                                            .showSaveDialog(window());
                            if (file != null) {
                                editor.exportSweep(names.indexOf(name), file.toPath());
                            }
                        });
    }

    void saveSession() {
        FileChooser chooser = chooser("Save session", "LatentNav session", "json", "session.json");
        var file = chooser.showSaveDialog(window());
        if (file != null) {
            editor.saveSession(file.toPath());
        }
    }

    void openSession() {
        FileChooser chooser = chooser("Open session", "LatentNav session", "json", null);
        var file = chooser.showOpenDialog(window());
        if (file != null) {
            editor.loadSession(Path.of(file.toURI()));
        }
    }

    void copyImage() {
        var image = edited.copyImage();
        if (image != null) {
            ClipboardContent content = new ClipboardContent();
            content.putImage(image);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    void focusSeed() {
        seedField.requestFocus();
        seedField.selectAll();
    }

    /** Returns the slider row of an attribute, for tests. */
    AttributeRow row(int index) {
        return (AttributeRow) sliders.getChildren().get(index);
    }
}
