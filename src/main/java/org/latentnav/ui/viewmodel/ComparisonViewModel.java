package org.latentnav.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentnav.ui.service.EditPipeline;
import org.latentnav.ui.service.ModelEntry;
import org.latentnav.ui.service.ModelSelection;
import org.latentnav.ui.service.RenderRequest;
import org.latentnav.ui.service.RenderResult;
import org.latentnav.ui.task.LatestRequestWorker;

/**
 * The comparison tab: the editor's latent and slider values rendered with two direction sets,
 * typically one trained through the ResNet-50 regressor and one through the MobileNetV2 regressor.
 * Each side measures its edit with the regressor its directions were trained with, and shows that
 * regressor's figures from its model card.
 */
public final class ComparisonViewModel {
    /** Card keys of the figures shown per side. */
    public static final String VALIDATION_MSE = "validationMse";

    public static final String SECONDS_PER_EPOCH = "secondsPerEpoch";
    public static final String INFERENCE_MS = "inferenceMsPerImageBatch1";

    /** One attribute's values on one side. */
    public record Row(
            String attribute, double epsilon, double alpha, double target, double edited) {}

    /** One side of the comparison. */
    public static final class Side {
        private final String title;
        private final ObjectProperty<ModelEntry> directions = new SimpleObjectProperty<>();
        private final ReadOnlyObjectWrapper<ModelEntry> regressor = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyObjectWrapper<RenderResult> frame = new ReadOnlyObjectWrapper<>();
        private final ObservableList<Row> rows = FXCollections.observableArrayList();
        private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

        Side(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** The direction set shown on this side. */
        public ObjectProperty<ModelEntry> directionsProperty() {
            return directions;
        }

        /** The regressor that measures this side: the one its directions were trained with. */
        public ReadOnlyObjectProperty<ModelEntry> regressorProperty() {
            return regressor.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<RenderResult> frameProperty() {
            return frame.getReadOnlyProperty();
        }

        public ObservableList<Row> rows() {
            return rows;
        }

        /** The regressor's validation MSE, seconds per epoch and inference time, as text. */
        public ReadOnlyStringProperty figuresProperty() {
            return figures.getReadOnlyProperty();
        }

        /** Why this side cannot be shown, or null. */
        public ReadOnlyStringProperty problemProperty() {
            return problem.getReadOnlyProperty();
        }
    }

    private record Job(ModelSelection left, ModelSelection right, Inputs inputs) {}

    private record Inputs(
            float[] z,
            float truncation,
            List<String> names,
            List<Double> epsilon,
            List<Boolean> held) {}

    private record SideOutcome(RenderResult result, List<String> attributes, String problem) {}

    private record Outcome(SideOutcome left, SideOutcome right) {}

    private final EditorViewModel editor;
    private final Side left = new Side("Left");
    private final Side right = new Side("Right");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", false);
    private final LatestRequestWorker<Job, Outcome> worker;

    public ComparisonViewModel(EditorViewModel editor) {
        this.editor = editor;
        this.worker =
                new LatestRequestWorker<>(
                        "Render comparison",
                        editor.services().inference(),
                        this::render,
                        this::show,
                        error -> editor.notify(Notice.Severity.ERROR, error.getMessage()));
        editor.addEditListener(this::refreshIfActive);
        editor.frameProperty().addListener((p, o, v) -> refreshIfActive());
        left.directions.addListener((p, o, v) -> sideChanged(left));
        right.directions.addListener((p, o, v) -> sideChanged(right));
        active.addListener((p, o, v) -> refreshIfActive());
        editor.directionSets()
                .addListener(
                        (javafx.collections.ListChangeListener<ModelEntry>)
                                change -> pickDefaults());
        pickDefaults();
    }

    /**
     * Picks, for sides without a valid choice, the direction set trained through ResNet-50 (left)
     * and through MobileNetV2 (right), else the first sets in the catalog.
     */
    public void pickDefaults() {
        List<ModelEntry> sets = editor.directionSets();
        if (left.directions.get() == null || !sets.contains(left.directions.get())) {
            left.directions.set(byArchitecture(sets, "resnet50", 0));
        }
        if (right.directions.get() == null || !sets.contains(right.directions.get())) {
            right.directions.set(byArchitecture(sets, "mobilenetv2", 1));
        }
    }

    private static ModelEntry byArchitecture(
            List<ModelEntry> sets, String architecture, int index) {
        for (ModelEntry set : sets) {
            if (architecture.equals(set.hyperParameter("regressorArchitecture"))) {
                return set;
            }
        }
        for (ModelEntry set : sets) {
            if (set.id().contains(architecture)) {
                return set;
            }
        }
        if (sets.isEmpty()) {
            return null;
        }
        return sets.get(Math.min(index, sets.size() - 1));
    }

    private void sideChanged(Side side) {
        updateRegressor(side);
        refreshIfActive();
    }

    /**
     * Looks up the side's regressor again. The catalog lists regressors after direction sets, so a
     * lookup made when the set was picked may have missed it.
     */
    private void updateRegressor(Side side) {
        side.regressor.set(regressorFor(side.directions.get()));
        side.figures.set(figures(side.regressor.get()));
    }

    /** Returns the regressor named in the set's card, else the editor's regressor. */
    private ModelEntry regressorFor(ModelEntry set) {
        String id = set == null ? null : set.hyperParameter("regressor");
        for (ModelEntry entry : editor.regressors()) {
            if (entry.id().equals(id)) {
                return entry;
            }
        }
        return editor.regressorProperty().get();
    }

    static String figures(ModelEntry regressor) {
        if (regressor == null) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "%s\nValidation MSE: %s\nSeconds per epoch: %s\nInference, 1 image: %s",
                regressor.label(),
                figure(regressor, VALIDATION_MSE, "%.4f", ""),
                figure(regressor, SECONDS_PER_EPOCH, "%.1f", " s"),
                figure(regressor, INFERENCE_MS, "%.2f", " ms"));
    }

    private static String figure(ModelEntry entry, String key, String format, String unit) {
        Object value = entry.card().quality == null ? null : entry.card().quality.get(key);
        if (value instanceof Number) {
            return String.format(Locale.ROOT, format, ((Number) value).doubleValue()) + unit;
        }
        return "not recorded";
    }

    /** True while the comparison tab is visible; only then do edits re-render it. */
    public BooleanProperty activeProperty() {
        return active;
    }

    private void refreshIfActive() {
        if (active.get()) {
            refresh();
        }
    }

    /** Renders both sides with the editor's current latent and slider values. */
    public void refresh() {
        ModelEntry generator = editor.generatorProperty().get();
        RenderResult current = editor.frameProperty().get();
        if (generator == null || current == null) {
            return;
        }
        updateRegressor(left);
        updateRegressor(right);
        List<String> names = new ArrayList<>();
        List<Double> epsilon = new ArrayList<>();
        List<Boolean> held = new ArrayList<>();
        for (AttributeViewModel attribute : editor.attributes()) {
            names.add(attribute.name());
            epsilon.add(attribute.epsilon());
            held.add(attribute.isHeld());
        }
        Inputs inputs =
                new Inputs(
                        current.request().z(),
                        (float) editor.truncationProperty().get(),
                        names,
                        epsilon,
                        held);
        worker.submit(new Job(selection(generator, left), selection(generator, right), inputs));
    }

    private static ModelSelection selection(ModelEntry generator, Side side) {
        ModelEntry set = side.directions.get();
        ModelEntry regressor = side.regressor.get();
        if (set == null || regressor == null) {
            return null;
        }
        return new ModelSelection(generator, set, regressor);
    }

    /** Runs on the inference worker. */
    private Outcome render(Job job) {
        return new Outcome(
                renderSide(job.left(), job.inputs()), renderSide(job.right(), job.inputs()));
    }

    private SideOutcome renderSide(ModelSelection selection, Inputs inputs) {
        if (selection == null) {
            return new SideOutcome(null, List.of(), "Pick a direction set.");
        }
        try {
            EditPipeline pipeline = editor.services().editing().open(selection);
            List<String> attributes = pipeline.attributes();
            float[] epsilon = new float[attributes.size()];
            boolean[] held = new boolean[attributes.size()];
            for (int i = 0; i < attributes.size(); i++) {
                int index = inputs.names().indexOf(attributes.get(i));
                if (index >= 0) {
                    epsilon[i] = inputs.epsilon().get(index).floatValue();
                    held[i] = inputs.held().get(index);
                }
            }
            RenderRequest request =
                    new RenderRequest(inputs.z(), inputs.truncation(), epsilon, held);
            return new SideOutcome(pipeline.render(request), attributes, null);
        } catch (RuntimeException e) {
            return new SideOutcome(null, List.of(), e.getMessage());
        }
    }

    private void show(Outcome outcome) {
        showSide(left, outcome.left());
        showSide(right, outcome.right());
    }

    private static void showSide(Side side, SideOutcome outcome) {
        side.problem.set(outcome.problem());
        side.frame.set(outcome.result());
        List<Row> rows = new ArrayList<>();
        RenderResult result = outcome.result();
        if (result != null) {
            for (int i = 0; i < outcome.attributes().size(); i++) {
                rows.add(
                        new Row(
                                outcome.attributes().get(i),
                                result.request().epsilon()[i],
                                result.alpha()[i],
                                result.target()[i],
                                result.editedValues()[i]));
            }
        }
        side.rows.setAll(rows);
    }

    public Side left() {
        return left;
    }

    public Side right() {
        return right;
    }
}
