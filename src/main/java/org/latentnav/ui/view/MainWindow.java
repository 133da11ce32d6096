package org.latentnav.ui.view;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.RenderResult;
import org.latentnav.ui.viewmodel.ComparisonViewModel;
import org.latentnav.ui.viewmodel.EditorViewModel;
import org.latentnav.ui.viewmodel.Notice;
import org.latentnav.ui.viewmodel.TrainingViewModel;

/**
 * The main window: editor, training and comparison tabs above a status bar with the frame rate, and
 * the keyboard shortcuts of {@code docs/editor.md}.
 */
public final class MainWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final EditorViewModel editor;
    private final TrainingViewModel training;
    private final ComparisonViewModel comparison;
    private final EditorView editorView;
    private final TrainingView trainingView;
    private final ComparisonView comparisonView;
    private final TabPane tabs = new TabPane();
    private final Scene scene;
    private Stage stage;

    public MainWindow(AppServices services) {
        editor = new EditorViewModel(services);
        training = new TrainingViewModel(services);
        comparison = new ComparisonViewModel(editor);
        training.setOnDirectionsAdded(this::refreshCatalog);
        editor.generatorProperty()
                .addListener((p, o, g) -> training.updateModels(services.catalog().scan(), g));

        editorView = new EditorView(editor);
        trainingView = new TrainingView(training);
        comparisonView = new ComparisonView(comparison, editor);
        Tab editTab = tab("Editor", MaterialDesignT.TUNE, editorView, "tab-editor");
        Tab trainTab = tab("Training", MaterialDesignS.SCHOOL, trainingView, "tab-training");
        Tab compareTab =
                tab("Comparison", MaterialDesignC.COMPARE, comparisonView, "tab-comparison");
        tabs.getTabs().addAll(editTab, trainTab, compareTab);
        comparison.activeProperty().bind(compareTab.selectedProperty());

        BorderPane root = new BorderPane(tabs);
        root.setBottom(statusBar());
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets()
                .add(MainWindow.class.getResource("/org/latentnav/ui/editor.css").toExternalForm());
        installShortcuts();
        editor.noticeProperty().addListener((p, o, notice) -> show(notice));
        training.noticeProperty().addListener((p, o, notice) -> show(notice));
    }

    private static Tab tab(
            String title, org.kordamp.ikonli.Ikon icon, javafx.scene.Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tab.setGraphic(Icons.icon(icon));
        tab.setClosable(false);
        return tab;
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        editor.loadingProperty().get()
                                                ? "Loading models..."
                                                : editor.problemProperty().get() != null
                                                        ? "No models loaded"
                                                        : "Ready",
                                editor.loadingProperty(),
                                editor.problemProperty()));

        Label fps = new Label();
        fps.setId("fps");
        fps.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        String.format(
                                                Locale.ROOT,
                                                "%.0f fps",
                                                editor.framesPerSecondProperty().get()),
                                editor.framesPerSecondProperty()));

        Label render = new Label();
        render.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> renderText(editor.frameProperty().get()),
                                editor.frameProperty()));

        Label training = new Label();
        training.textProperty()
                .bind(
                        Bindings.when(this.training.runningProperty())
                                .then(this.training.progressTextProperty())
                                .otherwise(""));

        for (Label item : java.util.List.of(training, render, fps)) {
            item.setPadding(new javafx.geometry.Insets(0, 0, 0, 16));
        }
        bar.getRightItems().addAll(training, render, fps);
        return bar;
    }

    private void installShortcuts() {
        var accelerators = scene.getAccelerators();
        accelerators.put(ctrl(KeyCode.Z), editor::undo);
        accelerators.put(ctrlShift(KeyCode.Z), editor::redo);
        accelerators.put(ctrl(KeyCode.Y), editor::redo);
        accelerators.put(
                new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN), editor::back);
        accelerators.put(
                new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN), editor::forward);
        accelerators.put(ctrl(KeyCode.R), editor::randomFace);
        accelerators.put(ctrl(KeyCode.DIGIT0), editor::resetAll);
        accelerators.put(ctrl(KeyCode.S), () -> editorView.savePng(false));
        accelerators.put(ctrlShift(KeyCode.S), () -> editorView.savePng(true));
        accelerators.put(ctrlShift(KeyCode.C), editorView::copyImage);
        accelerators.put(ctrl(KeyCode.G), editorView::exportSweep);
        accelerators.put(ctrl(KeyCode.E), editorView::saveSession);
        accelerators.put(ctrl(KeyCode.O), editorView::openSession);
        accelerators.put(ctrl(KeyCode.D), () -> toggle(editor.showDifferenceProperty()));
        accelerators.put(ctrl(KeyCode.B), () -> toggle(editor.showOriginalProperty()));
        accelerators.put(ctrl(KeyCode.P), () -> toggle(editor.smoothProperty()));
        accelerators.put(ctrl(KeyCode.L), editorView::focusSeed);
        accelerators.put(new KeyCodeCombination(KeyCode.F5), this::refreshCatalog);
        accelerators.put(ctrl(KeyCode.DIGIT1), () -> tabs.getSelectionModel().select(0));
        accelerators.put(ctrl(KeyCode.DIGIT2), () -> tabs.getSelectionModel().select(1));
        accelerators.put(ctrl(KeyCode.DIGIT3), () -> tabs.getSelectionModel().select(2));
    }

    private static KeyCombination ctrl(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination ctrlShift(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    private static void toggle(javafx.beans.property.BooleanProperty property) {
        property.set(!property.get());
    }

    /** Rescans the model folders for the editor, the training tab and the comparison. */
    public void refreshCatalog() {
        editor.refreshCatalog();
        training.updateModels(editor.services().catalog().scan(), editor.generatorProperty().get());
    }

    private void show(Notice notice) {
        if (notice == null || stage == null || !stage.isShowing()) {
            return;
        }
        Notifications popup =
                Notifications.create()
                        .owner(stage)
                        .title(
                                notice.severity() == Notice.Severity.INFO
                                        ? "LatentNav"
                                        : "LatentNav: problem")
                        .text(notice.text())
                        .hideAfter(
                                Duration.seconds(
                                        notice.severity() == Notice.Severity.ERROR ? 12 : 5));
        switch (notice.severity()) {
            case ERROR -> popup.showError();
            case WARNING -> popup.showWarning();
            default -> popup.showInformation();
        }
    }

    /** Shows the window on a stage and starts loading the models in the background. */
    public void show(Stage target) {
        this.stage = target;
        target.setTitle("LatentNav editor");
        target.setScene(scene);
        target.setMinWidth(960);
        target.setMinHeight(640);
        target.show();
        refreshCatalog();
    }

    public void stop() {
        trainingView.stop();
    }

    public Scene scene() {
        return scene;
    }

    public TabPane tabs() {
        return tabs;
    }

    public EditorViewModel editor() {
        return editor;
    }

    public TrainingViewModel training() {
        return training;
    }

    public ComparisonViewModel comparison() {
        return comparison;
    }

    /** Returns the status bar's render time, with the hold corrections it included. */
    static String renderText(RenderResult frame) {
        if (frame == null) {
            return "";
        }
        String text = String.format(Locale.ROOT, "render %.1f ms", frame.milliseconds());
        return switch (frame.corrections()) {
            case 0 -> text;
            case 1 -> text + " incl. 1 hold correction";
            default -> text + " incl. " + frame.corrections() + " hold corrections";
        };
    }
}
