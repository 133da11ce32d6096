package org.latentnav.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentnav.model.ModelRole;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.EditPipeline;
import org.latentnav.ui.service.ImageExport;
import org.latentnav.ui.service.ModelCatalog;
import org.latentnav.ui.service.ModelEntry;
import org.latentnav.ui.service.ModelSelection;
import org.latentnav.ui.service.RenderRequest;
import org.latentnav.ui.service.RenderResult;
import org.latentnav.ui.service.SessionFile;
import org.latentnav.ui.service.SessionStore;
import org.latentnav.ui.task.BackgroundTask;
import org.latentnav.ui.task.LatestRequestWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the editor tab: model pickers, the latent with back/forward history,
 * truncation, one {@link AttributeViewModel} per attribute with undo/redo, and the latest rendered
 * frame. Every change that affects the image submits a render request to the one inference worker;
 * the newest request wins. Call it on the UI thread only.
 */
public final class EditorViewModel {
    private static final Logger logger = LoggerFactory.getLogger(EditorViewModel.class);
    public static final double DEFAULT_TRUNCATION = 0.7;
    public static final double MIN_TRUNCATION = 0.05;
    public static final int SWEEP_FRAMES = 24;
    private static final int HISTORY_LIMIT = 200;

    /** Saved PNGs and GIFs are upscaled to at least this side with nearest-neighbour pixels. */
    private static final int EXPORT_MIN_SIDE = 256;

    private final AppServices services;
    private final ObservableList<ModelEntry> generators = FXCollections.observableArrayList();
    private final ObservableList<ModelEntry> directionSets = FXCollections.observableArrayList();
    private final ObservableList<ModelEntry> regressors = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> generator =
            new SimpleObjectProperty<>(this, "generator");
    private final ObjectProperty<ModelEntry> directions =
            new SimpleObjectProperty<>(this, "directions");
    private final ObjectProperty<ModelEntry> regressor =
            new SimpleObjectProperty<>(this, "regressor");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<Latent> latent =
            new ReadOnlyObjectWrapper<>(this, "latent", Latent.ofSeed(0));
    private final DoubleProperty truncation =
            new SimpleDoubleProperty(this, "truncation", DEFAULT_TRUNCATION);
    private final ObservableList<AttributeViewModel> attributes =
            FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RenderResult> frame =
            new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyDoubleWrapper framesPerSecond = new ReadOnlyDoubleWrapper(this, "fps");
    private final ReadOnlyObjectWrapper<Notice> notice =
            new ReadOnlyObjectWrapper<>(this, "notice");
    private final BooleanProperty showOriginal =
            new SimpleBooleanProperty(this, "showOriginal", true);
    private final BooleanProperty showDifference =
            new SimpleBooleanProperty(this, "showDifference", false);
    private final BooleanProperty smooth = new SimpleBooleanProperty(this, "smooth", false);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack");
    private final ReadOnlyBooleanWrapper canGoForward =
            new ReadOnlyBooleanWrapper(this, "canGoForward");

    private final UndoHistory<EditState> undoHistory = new UndoHistory<>(HISTORY_LIMIT);
    private final LatentHistory latentHistory = new LatentHistory(HISTORY_LIMIT);
    private final FrameRateMeter frameRate = new FrameRateMeter(System::nanoTime);
    private final LatestRequestWorker<RenderJob, RenderOutcome> renderer;
    private final SplittableRandom seeds = new SplittableRandom();
    private final List<Runnable> editListeners = new ArrayList<>();

    private EditPipeline pipeline;
    private EditState committed;
    private boolean restoring;
    private boolean gestureActive;
    private boolean gestureRecorded;
    private boolean selecting;
    private long loadSequence;
    private long noticeSequence;
    private SessionFile pendingSession;
    private Path pendingSessionFile;
    private int renders;
    private String lastRenderError;

    /** A render request together with the pipeline that must serve it. */
    private record RenderJob(EditPipeline pipeline, RenderRequest request) {}

    private record RenderOutcome(EditPipeline pipeline, RenderResult result) {}

    public EditorViewModel(AppServices services) {
        this.services = services;
        this.renderer =
                new LatestRequestWorker<>(
                        "Render edit",
                        services.inference(),
                        job ->
                                new RenderOutcome(
                                        job.pipeline(), job.pipeline().render(job.request())),
                        this::showFrame,
                        this::renderFailed);
        generator.addListener((p, old, value) -> selectionChanged());
        directions.addListener((p, old, value) -> directionsChanged(value));
        regressor.addListener((p, old, value) -> selectionChanged());
        truncation.addListener((p, old, value) -> editChanged());
        committed = currentState();
    }

    // ---- Models ----

    /**
     * Scans the model folders and fills the pickers, keeping the current picks where they still
     * exist; shows a problem when no usable combination exists.
     */
    public void refreshCatalog() {
        ModelCatalog.Scan scan = services.catalog().scan();
        selecting = true;
        try {
            replace(generators, scan.byRole(ModelRole.GENERATOR));
            replace(directionSets, scan.byRole(ModelRole.DIRECTIONS));
            replace(regressors, scan.byRole(ModelRole.REGRESSOR));
            generator.set(keepOrDefault(generator.get(), generators, "generator"));
            directions.set(
                    keepOrDefault(directions.get(), directionSets, "directions-mobilenetv2"));
            ModelEntry trained = trainingRegressor(directions.get());
            regressor.set(
                    keepOrDefault(
                            regressor.get(),
                            regressors,
                            trained != null ? trained.id() : "regressor-mobilenetv2"));
        } finally {
            selecting = false;
        }
        for (String message : scan.problems()) {
            notify(Notice.Severity.WARNING, message);
        }
        String missing = missingModels(scan.problems());
        if (missing != null) {
            problem.set(missing);
            pipeline = null;
            attributes.clear();
            frame.set(null);
            return;
        }
        loadModels();
    }

    private static void replace(ObservableList<ModelEntry> list, List<ModelEntry> entries) {
        if (!list.equals(entries)) {
            list.setAll(entries);
        }
    }

    private static ModelEntry keepOrDefault(
            ModelEntry current, List<ModelEntry> entries, String preferredId) {
        if (current != null) {
            for (ModelEntry entry : entries) {
                if (entry.dir().equals(current.dir())) {
                    return entry;
                }
            }
        }
        for (ModelEntry entry : entries) {
            if (entry.id().equals(preferredId)) {
                return entry;
            }
        }
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** Returns the regressor that a direction set's card names as the one it was trained with. */
    private ModelEntry trainingRegressor(ModelEntry set) {
        String id = set == null ? null : set.hyperParameter("regressor");
        if (id == null) {
            return null;
        }
        return regressors.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    private String missingModels(List<String> skipped) {
        List<String> missing = new ArrayList<>();
        if (generators.isEmpty()) {
            missing.add("a generator");
        }
        if (directionSets.isEmpty()) {
            missing.add("a direction set");
        }
        if (regressors.isEmpty()) {
            missing.add("a regressor");
        }
        if (missing.isEmpty()) {
            return null;
        }
        StringBuilder folders = new StringBuilder();
        for (ModelCatalog.Root root : services.catalog().roots()) {
            folders.append("\n  ").append(root.dir().toAbsolutePath());
            if (!java.nio.file.Files.isDirectory(root.dir())) {
                folders.append(" (missing)");
            }
        }
        return "No usable models: missing "
                + String.join(", ", missing)
                + ". The editor reads model folders (each with a model.json) from:"
                + folders
                + "\nSet LATENTNAV_MODELS to the models folder, or train a direction set in the"
                + " Training tab once a generator and a regressor are installed."
                + (skipped.isEmpty() ? "" : "\nSkipped:\n  " + String.join("\n  ", skipped));
    }

    private void directionsChanged(ModelEntry set) {
        if (!selecting) {
            ModelEntry trained = trainingRegressor(set);
            if (trained != null && !trained.equals(regressor.get())) {
                selecting = true;
                try {
                    regressor.set(trained);
                } finally {
                    selecting = false;
                }
            }
        }
        selectionChanged();
    }

    private void selectionChanged() {
        if (!selecting) {
            loadModels();
        }
    }

    /** Loads the picked models on the inference worker; the newest pick wins. */
    public void loadModels() {
        if (generator.get() == null || directions.get() == null || regressor.get() == null) {
            return;
        }
        ModelSelection selection =
                new ModelSelection(generator.get(), directions.get(), regressor.get());
        long sequence = ++loadSequence;
        loading.set(true);
        services.inference()
                .submit(
                        BackgroundTask.of(
                                        "Load models " + selection.directions().id(),
                                        context -> services.editing().open(selection))
                                .onSuccess(
                                        opened -> {
                                            if (sequence == loadSequence) {
                                                modelsLoaded(opened);
                                            }
                                        })
                                .onFailure(
                                        error -> {
                                            if (sequence == loadSequence) {
                                                modelsFailed(error);
                                            }
                                        }));
    }

    private void modelsLoaded(EditPipeline opened) {
        loading.set(false);
        problem.set(null);
        pipeline = opened;
        rebuildAttributes(opened.attributes());
        Latent sized = latent.get().withSize(opened.latentSize());
        latent.set(sized);
        latentHistory.replaceCurrent(sized);
        updateFlags();
        if (pendingSession != null) {
            SessionFile session = pendingSession;
            Path file = pendingSessionFile;
            pendingSession = null;
            pendingSessionFile = null;
            applySession(session, file);
        }
        requestRender();
    }

    private void modelsFailed(Exception error) {
        loading.set(false);
        pipeline = null;
        pendingSession = null;
        frame.set(null);
        String message = error.getMessage() != null ? error.getMessage() : error.toString();
        problem.set("The models could not be loaded.\n" + message);
    }

    /** Rebuilds the sliders for new attributes, keeping the values of attributes kept. */
    private void rebuildAttributes(List<String> names) {
        List<String> current = attributes.stream().map(AttributeViewModel::name).toList();
        if (current.equals(names)) {
            return;
        }
        Map<String, AttributeViewModel> old = new HashMap<>();
        attributes.forEach(a -> old.put(a.name(), a));
        List<AttributeViewModel> rebuilt = new ArrayList<>();
        for (String name : names) {
            AttributeViewModel attribute = new AttributeViewModel(name);
            AttributeViewModel previous = old.get(name);
            if (previous != null) {
                attribute.setEpsilon(previous.epsilon());
                attribute.heldProperty().set(previous.isHeld());
            }
            attribute.epsilonProperty().addListener((p, o, v) -> editChanged());
            attribute.heldProperty().addListener((p, o, v) -> editChanged());
            rebuilt.add(attribute);
        }
        restoring = true;
        try {
            attributes.setAll(rebuilt);
        } finally {
            restoring = false;
        }
        undoHistory.clear();
        committed = currentState();
    }

    // ---- Rendering ----

    /** Submits the current state to the inference worker; a no-op until models are loaded. */
    public void requestRender() {
        if (pipeline == null || attributes.isEmpty()) {
            return;
        }
        int count = attributes.size();
        float[] epsilon = new float[count];
        boolean[] held = new boolean[count];
        for (int i = 0; i < count; i++) {
            epsilon[i] = (float) attributes.get(i).epsilon();
            held[i] = attributes.get(i).isHeld();
        }
        Latent sized = latent.get().withSize(pipeline.latentSize());
        RenderRequest request =
                new RenderRequest(sized.z(), (float) truncation.get(), epsilon, held);
        renderer.submit(new RenderJob(pipeline, request));
    }

    private void showFrame(RenderOutcome outcome) {
        if (outcome.pipeline() != pipeline) {
            return;
        }
        RenderResult result = outcome.result();
        renders++;
        if (result.alpha().length == attributes.size()) {
            for (int i = 0; i < attributes.size(); i++) {
                attributes
                        .get(i)
                        .showValues(
                                result.alpha()[i], result.target()[i], result.editedValues()[i]);
            }
        }
        frame.set(result);
        framesPerSecond.set(frameRate.tick());
        lastRenderError = null;
    }

    /** Logs every failed render, but shows a notice only when the message changes. */
    private void renderFailed(Exception error) {
        logger.warn("Render failed: {}", error.toString());
        String text = "Rendering failed: " + error.getMessage();
        if (!text.equals(lastRenderError)) {
            lastRenderError = text;
            notify(Notice.Severity.ERROR, text);
        }
    }

    // ---- Latent navigation ----

    /** Shows the face drawn from {@code seed} and records it in the back/forward history. */
    public void goToSeed(long seed) {
        Latent next = Latent.ofSeed(seed);
        if (pipeline != null) {
            next = next.withSize(pipeline.latentSize());
        }
        showLatent(next, true);
    }

    /** Shows a face from a random non-negative seed. */
    public void randomFace() {
        goToSeed(seeds.nextInt(Integer.MAX_VALUE));
    }

    public void back() {
        if (latentHistory.canGoBack()) {
            showLatent(latentHistory.back(), false);
        }
    }

    public void forward() {
        if (latentHistory.canGoForward()) {
            showLatent(latentHistory.forward(), false);
        }
    }

    private void showLatent(Latent next, boolean record) {
        if (record) {
            latentHistory.visit(next);
        }
        latent.set(next);
        updateFlags();
        requestRender();
        fireEdit();
    }

    // ---- Undo, redo and gestures ----

    /**
     * Marks the start of a continuous change such as a slider drag: the whole gesture becomes one
     * undo step.
     */
    public void beginGesture() {
        gestureActive = true;
        gestureRecorded = false;
    }

    public void endGesture() {
        gestureActive = false;
    }

    /** Resets every slider to 0 and releases every hold, as one undo step. */
    public void resetAll() {
        asOneEdit(() -> attributes.forEach(AttributeViewModel::reset));
    }

    /** Resets one slider, by index, as one undo step. */
    public void reset(int index) {
        asOneEdit(() -> attributes.get(index).reset());
    }

    private void asOneEdit(Runnable change) {
        boolean wasActive = gestureActive;
        boolean wasRecorded = gestureRecorded;
        beginGesture();
        try {
            change.run();
        } finally {
            gestureActive = wasActive;
            gestureRecorded = wasRecorded;
        }
    }

    public void undo() {
        if (undoHistory.canUndo()) {
            restore(undoHistory.undo(currentState()));
        }
    }

    public void redo() {
        if (undoHistory.canRedo()) {
            restore(undoHistory.redo(currentState()));
        }
    }

    private void editChanged() {
        if (restoring) {
            return;
        }
        EditState now = currentState();
        if (now.equals(committed)) {
            return;
        }
        if (!(gestureActive && gestureRecorded)) {
            undoHistory.record(committed);
            gestureRecorded = gestureActive;
        }
        committed = now;
        updateFlags();
        requestRender();
        fireEdit();
    }

    private EditState currentState() {
        int count = attributes.size();
        double[] epsilon = new double[count];
        boolean[] held = new boolean[count];
        for (int i = 0; i < count; i++) {
            epsilon[i] = attributes.get(i).epsilon();
            held[i] = attributes.get(i).isHeld();
        }
        return new EditState(truncation.get(), epsilon, held);
    }

    private void restore(EditState state) {
        restoring = true;
        try {
            truncation.set(state.truncation());
            if (state.epsilon().length == attributes.size()) {
                for (int i = 0; i < attributes.size(); i++) {
                    attributes.get(i).setEpsilon(state.epsilon()[i]);
                    attributes.get(i).heldProperty().set(state.held()[i]);
                }
            }
        } finally {
            restoring = false;
        }
        committed = currentState();
        updateFlags();
        requestRender();
        fireEdit();
    }

    private void updateFlags() {
        canUndo.set(undoHistory.canUndo());
        canRedo.set(undoHistory.canRedo());
        canGoBack.set(latentHistory.canGoBack());
        canGoForward.set(latentHistory.canGoForward());
    }

    /** Registers a callback that runs after every change of the latent or of an edit value. */
    public void addEditListener(Runnable listener) {
        editListeners.add(listener);
    }

    private void fireEdit() {
        editListeners.forEach(Runnable::run);
    }

    // ---- Files ----

    /** Returns the current session in its JSON form, or null before models are loaded. */
    public SessionFile toSession() {
        if (pipeline == null) {
            return null;
        }
        SessionFile session = new SessionFile();
        ModelSelection selection = pipeline.selection();
        session.generator =
                new SessionFile.ModelReference(
                        selection.generator().id(),
                        selection.generator().weightsSha256(),
                        pipeline.generatorFingerprint());
        session.directions =
                new SessionFile.ModelReference(
                        selection.directions().id(), selection.directions().weightsSha256(), null);
        session.regressor =
                new SessionFile.ModelReference(
                        selection.regressor().id(), selection.regressor().weightsSha256(), null);
        Latent current = latent.get().withSize(pipeline.latentSize());
        session.seed = current.seed();
        session.z = current.z().clone();
        session.truncation = (float) truncation.get();
        for (AttributeViewModel attribute : attributes) {
            session.sliders.add(
                    new SessionFile.Slider(
                            attribute.name(), attribute.epsilon(), attribute.isHeld()));
        }
        return session;
    }

    /** Writes the session atomically; returns false and shows a notice if that fails. */
    public boolean saveSession(Path file) {
        SessionFile session = toSession();
        if (session == null) {
            notify(Notice.Severity.ERROR, "Nothing to save: no models are loaded.");
            return false;
        }
        try {
            services.sessions().write(file, session);
        } catch (IOException e) {
            logger.warn("Saving session {} failed: {}", file, e.toString());
            notify(Notice.Severity.ERROR, "Saving the session to " + file + " failed: " + e);
            return false;
        }
        logger.info("Session saved to {}", file);
        notify(Notice.Severity.INFO, "Session saved to " + file + ".");
        return true;
    }

    /**
     * Reads a session file, selects its models (loading them if needed) and then applies its latent
     * and sliders. Returns false and shows a notice if the file or its models are unusable.
     */
    public boolean loadSession(Path file) {
        SessionFile session;
        try {
            session = services.sessions().read(file);
        } catch (SessionStore.InvalidSessionException e) {
            logger.warn("Loading session failed: {}", e.getMessage());
            notify(Notice.Severity.ERROR, e.getMessage());
            return false;
        }
        ModelEntry g;
        ModelEntry d;
        ModelEntry r;
        try {
            g = find(generators, session.generator, "generator", file);
            d = find(directionSets, session.directions, "direction set", file);
            r = find(regressors, session.regressor, "regressor", file);
        } catch (IllegalArgumentException e) {
            logger.warn("Loading session failed: {}", e.getMessage());
            notify(Notice.Severity.ERROR, e.getMessage());
            return false;
        }
        boolean same = pipeline != null && pipeline.selection().equals(new ModelSelection(g, d, r));
        if (same) {
            return applySession(session, file);
        }
        pendingSession = session;
        pendingSessionFile = file;
        selecting = true;
        try {
            generator.set(g);
            directions.set(d);
            regressor.set(r);
        } finally {
            selecting = false;
        }
        loadModels();
        return true;
    }

    private ModelEntry find(
            List<ModelEntry> entries, SessionFile.ModelReference ref, String role, Path file) {
        ModelEntry sameId = null;
        for (ModelEntry entry : entries) {
            if (!entry.id().equals(ref.id)) {
                continue;
            }
            sameId = entry;
            if (ref.sha256 == null || ref.sha256.equals(entry.weightsSha256())) {
                return entry;
            }
        }
        if (sameId != null) {
            throw new IllegalArgumentException(
                    "Session "
                            + file
                            + " was saved with "
                            + role
                            + " '"
                            + ref.id
                            + "' whose weights have sha256 "
                            + ref.sha256
                            + ", but the installed '"
                            + ref.id
                            + "' has "
                            + sameId.weightsSha256()
                            + ". Install the original model to open this session.");
        }
        throw new IllegalArgumentException(
                "Session "
                        + file
                        + " needs "
                        + role
                        + " '"
                        + ref.id
                        + "', which is not in the model folders. Install it or pick models by hand.");
    }

    private boolean applySession(SessionFile session, Path file) {
        if (session.z.length != pipeline.latentSize()) {
            notify(
                    Notice.Severity.ERROR,
                    "Session "
                            + file
                            + " has a latent of "
                            + session.z.length
                            + " values but the generator needs "
                            + pipeline.latentSize()
                            + ".");
            return false;
        }
        Map<String, SessionFile.Slider> sliders = new HashMap<>();
        session.sliders.forEach(s -> sliders.put(s.attribute, s));
        for (String name : sliders.keySet()) {
            if (pipeline.attributes().stream().noneMatch(name::equals)) {
                notify(
                        Notice.Severity.WARNING,
                        "Session "
                                + file
                                + ": attribute "
                                + name
                                + " is not in the direction set"
                                + " and was skipped.");
            }
        }
        Latent loaded = new Latent(session.seed, session.z.clone());
        if (session.seed != null
                && !java.util.Arrays.equals(
                        loaded.z(), Latent.ofSeed(session.seed).withSize(session.z.length).z())) {
            loaded = new Latent(null, session.z.clone());
        }
        restoring = true;
        try {
            truncation.set(session.truncation);
            for (AttributeViewModel attribute : attributes) {
                SessionFile.Slider slider = sliders.get(attribute.name());
                attribute.setEpsilon(slider == null ? 0 : slider.epsilon);
                attribute.heldProperty().set(slider != null && slider.held);
            }
        } finally {
            restoring = false;
        }
        undoHistory.clear();
        committed = currentState();
        showLatent(loaded, true);
        logger.info("Session loaded from {}", file);
        notify(Notice.Severity.INFO, "Session loaded from " + file + ".");
        return true;
    }

    /** Returns the integer upscaling used for exported images of the current resolution. */
    public int exportScale() {
        RenderResult current = frame.get();
        int side = current == null ? EXPORT_MIN_SIDE : current.resolution();
        return Math.max(1, (EXPORT_MIN_SIDE + side - 1) / side);
    }

    /** Writes the edited image, or with {@code strip} the before/after pair, as a PNG. */
    public boolean savePng(Path file, boolean strip) {
        RenderResult current = frame.get();
        if (current == null) {
            notify(Notice.Severity.ERROR, "Nothing to save: no image has been rendered yet.");
            return false;
        }
        try {
            ImageExport.savePng(current, strip, exportScale(), file);
        } catch (IOException e) {
            logger.warn("Saving PNG {} failed: {}", file, e.toString());
            notify(Notice.Severity.ERROR, "Saving " + file + " failed: " + e);
            return false;
        }
        notify(Notice.Severity.INFO, "Saved " + file + ".");
        return true;
    }

    /**
     * Renders a sweep of one attribute's epsilon from -1 to 1 on the inference worker and writes it
     * as a looping GIF; a notice reports the outcome.
     */
    public void exportSweep(int attribute, Path file) {
        RenderResult current = frame.get();
        EditPipeline active = pipeline;
        if (current == null || active == null) {
            notify(Notice.Severity.ERROR, "Nothing to export: no image has been rendered yet.");
            return;
        }
        RenderRequest base = current.request();
        int scale = exportScale();
        String name = attributes.get(attribute).name();
        services.inference()
                .submit(
                        BackgroundTask.of(
                                        "Export sweep of " + name,
                                        context -> {
                                            List<int[]> frames =
                                                    active.sweep(base, attribute, SWEEP_FRAMES);
                                            ImageExport.writeGif(
                                                    frames,
                                                    active.resolution(),
                                                    scale,
                                                    80,
                                                    true,
                                                    file);
                                            return file;
                                        })
                                .onSuccess(
                                        path ->
                                                notify(
                                                        Notice.Severity.INFO,
                                                        "Saved a sweep of "
                                                                + name
                                                                + " to "
                                                                + path
                                                                + "."))
                                .onFailure(
                                        error ->
                                                notify(
                                                        Notice.Severity.ERROR,
                                                        "Exporting the sweep of "
                                                                + name
                                                                + " failed: "
                                                                + error.getMessage())));
    }

    void notify(Notice.Severity severity, String text) {
        notice.set(new Notice(severity, text, ++noticeSequence));
    }

    // ---- Properties ----

    public AppServices services() {
        return services;
    }

    public ObservableList<ModelEntry> generators() {
        return generators;
    }

    public ObservableList<ModelEntry> directionSets() {
        return directionSets;
    }

    public ObservableList<ModelEntry> regressors() {
        return regressors;
    }

    public ObjectProperty<ModelEntry> generatorProperty() {
        return generator;
    }

    public ObjectProperty<ModelEntry> directionsProperty() {
        return directions;
    }

    public ObjectProperty<ModelEntry> regressorProperty() {
        return regressor;
    }

    /** A message that explains why no image can be shown, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Latent> latentProperty() {
        return latent.getReadOnlyProperty();
    }

    public DoubleProperty truncationProperty() {
        return truncation;
    }

    public ObservableList<AttributeViewModel> attributes() {
        return attributes;
    }

    public ReadOnlyObjectProperty<RenderResult> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** Frames shown in the last second. */
    public ReadOnlyDoubleProperty framesPerSecondProperty() {
        return framesPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public BooleanProperty showOriginalProperty() {
        return showOriginal;
    }

    public BooleanProperty showDifferenceProperty() {
        return showDifference;
    }

    /** True for smooth upscaling, false for square pixels. */
    public BooleanProperty smoothProperty() {
        return smooth;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    /** Returns the pipeline of the loaded models, or null. */
    public EditPipeline pipeline() {
        return pipeline;
    }

    /** Returns the number of frames shown since creation; tests use it to count renders. */
    public int framesShown() {
        return renders;
    }

    /** Returns the current epsilon of the named attribute, or 0 if there is no such slider. */
    public double epsilonOf(String name) {
        for (AttributeViewModel attribute : attributes) {
            if (Objects.equals(attribute.name(), name)) {
                return attribute.epsilon();
            }
        }
        return 0;
    }

    /** Returns true if the named attribute is held fixed. */
    public boolean isHeld(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name) && a.isHeld());
    }
}
