package org.latentnav.ui.view;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.latentnav.ui.service.TrainingMonitor;
import org.latentnav.ui.viewmodel.TrainingViewModel;

/**
 * The training tab: settings, start, cancel and resume, a progress bar with ETA, live charts of the
 * losses and the learning rate, and the preview grid of the last epoch. A 100 ms timeline pulls
 * progress from the view-model, so the training thread never posts to the UI per iteration.
 */
final class TrainingView extends BorderPane {
    static final Duration POLL_INTERVAL = Duration.millis(100);

    private final TrainingViewModel training;
    private final Map<TrainingMonitor.Metric, XYChart.Series<Number, Number>> series =
            new EnumMap<>(TrainingMonitor.Metric.class);
    private final ImageView preview = new ImageView();
    private final Timeline poller;

    TrainingView(TrainingViewModel training) {
        this.training = training;
        getStyleClass().add("training-view");
        setTop(toolBar());
        setCenter(charts());
        setRight(previewPane());
        training.previewProperty().addListener((p, o, pixels) -> showPreview(pixels));
        training.chartRevisionProperty().addListener((p, o, v) -> updateCharts());
        poller = new Timeline(new KeyFrame(POLL_INTERVAL, e -> training.poll()));
        poller.setCycleCount(Timeline.INDEFINITE);
        poller.play();
    }

    private Node toolBar() {
        Button settings =
                Icons.decorate(
                        new Button("Settings..."),
                        MaterialDesignC.COG,
                        "Configure the next run",
                        null);
        settings.setId("training-settings-button");
        settings.setOnAction(e -> showSettings());
        settings.disableProperty().bind(training.runningProperty());
        Button start =
                Icons.decorate(
                        new Button("Start"),
                        MaterialDesignP.PLAY,
                        "Train directions with these settings",
                        null);
        start.setId("training-start");
        start.setOnAction(e -> training.start());
        start.disableProperty().bind(training.runningProperty());
        Button cancel =
                Icons.decorate(
                        new Button("Cancel"),
                        MaterialDesignS.STOP,
                        "Stop after the current iteration; the last epoch's checkpoint stays",
                        null);
        cancel.setId("training-cancel");
        cancel.setOnAction(e -> training.cancel());
        cancel.disableProperty().bind(training.runningProperty().not());
        Button resume =
                Icons.decorate(
                        new Button("Resume"),
                        MaterialDesignR.RESTART,
                        "Continue the cancelled run from its checkpoint",
                        null);
        resume.setId("training-resume");
        resume.setOnAction(e -> training.resume());
        resume.disableProperty()
                .bind(training.canResumeProperty().not().or(training.runningProperty()));

        ProgressBar progress = new ProgressBar();
        progress.setId("training-progress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(training.progressProperty());
        Label progressText = new Label();
        progressText.setId("training-progress-text");
        progressText.textProperty().bind(training.progressTextProperty());
        Label eta = new Label();
        eta.setId("training-eta");
        eta.textProperty().bind(training.etaTextProperty());
        HBox progressBox = new HBox(8, progress, progressText, eta);
        progressBox.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("training-status");
        status.textProperty().bind(training.statusProperty());
        Label losses = new Label();
        losses.textProperty().bind(training.lossTextProperty());
        losses.getStyleClass().add("loss-text");
        VBox top =
                new VBox(
                        4,
                        new ToolBar(settings, start, cancel, resume, progressBox),
                        new HBox(16, status, losses));
        top.setPadding(new Insets(0, 0, 4, 0));
        return top;
    }

    private void showSettings() {
        TrainingSettingsDialog dialog =
                new TrainingSettingsDialog(
                        training.settings(), getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().filter(ButtonType.OK::equals);
    }

    private Node charts() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        grid.add(chart(TrainingMonitor.Metric.REGRESSION, "L_reg"), 0, 0);
        grid.add(chart(TrainingMonitor.Metric.DISCRIMINATOR, "L_disc"), 1, 0);
        grid.add(chart(TrainingMonitor.Metric.CONTENT, "L_content"), 0, 1);
        grid.add(chart(TrainingMonitor.Metric.LEARNING_RATE, "Learning rate"), 1, 1);
        for (int i = 0; i < 2; i++) {
            var column = new javafx.scene.layout.ColumnConstraints();
            column.setPercentWidth(50);
            grid.getColumnConstraints().add(column);
            var row = new javafx.scene.layout.RowConstraints();
            row.setPercentHeight(50);
            grid.getRowConstraints().add(row);
        }
        return grid;
    }

    private LineChart<Number, Number> chart(TrainingMonitor.Metric metric, String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("chart-" + metric.name().toLowerCase(java.util.Locale.ROOT));
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        XYChart.Series<Number, Number> data = new XYChart.Series<>();
        chart.getData().add(data);
        series.put(metric, data);
        GridPane.setHgrow(chart, Priority.ALWAYS);
        GridPane.setVgrow(chart, Priority.ALWAYS);
        return chart;
    }

    /** Replaces each series with the view-model's thinned points (at most a few hundred). */
    private void updateCharts() {
        series.forEach(
                (metric, data) -> {
                    double[][] points = training.series(metric);
                    List<XYChart.Data<Number, Number>> values = new ArrayList<>(points[0].length);
                    for (int i = 0; i < points[0].length; i++) {
                        values.add(new XYChart.Data<>(points[0][i], points[1][i]));
                    }
                    data.getData().setAll(values);
                });
    }

    private Node previewPane() {
        preview.setPreserveRatio(true);
        preview.setFitWidth(300);
        preview.setSmooth(false);
        preview.setId("training-preview");
        Label note = new Label("Rows: attributes. Columns: ε = -1, -0.5, 0, 0.5, 1.");
        note.setWrapText(true);
        VBox box = new VBox(8, preview, note);
        box.setPadding(new Insets(8));
        box.setPrefWidth(320);
        TitledPane pane = new TitledPane("Preview after the last epoch", new ScrollPane(box));
        pane.setCollapsible(false);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }

    private void showPreview(TrainingViewModel.Pixels pixels) {
        if (pixels == null) {
            preview.setImage(null);
            return;
        }
        WritableImage image = new WritableImage(pixels.width(), pixels.height());
        image.getPixelWriter()
                .setPixels(
                        0,
                        0,
                        pixels.width(),
                        pixels.height(),
                        PixelFormat.getIntArgbInstance(),
                        pixels.argb(),
                        0,
                        pixels.width());
        preview.setImage(image);
    }

    void stop() {
        poller.stop();
    }
}
