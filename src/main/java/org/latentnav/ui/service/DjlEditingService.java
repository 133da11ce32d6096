package org.latentnav.ui.service;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL implementation of {@link EditingService}. Loaded models are cached by folder, so the
 * editor and the comparison view share one generator and switching back to a model is instant.
 */
public final class DjlEditingService implements EditingService {
    private static final Logger logger = LoggerFactory.getLogger(DjlEditingService.class);

    private final Device device;
    private NDManager manager;
    // NOTE: nothing is evicted before close(); this suits a handful of small models per session.
    private final Map<Path, AutoCloseable> loaded = new LinkedHashMap<>();

    public DjlEditingService(Device device) {
        this.device = device;
    }

    @Override
    public EditPipeline open(ModelSelection selection) {
        WorkerThreads.prepareInference();
        Generator generator =
                cached(selection.generator(), dir -> Models.loadGenerator(dir, device));
        AttributeRegressor regressor =
                cached(selection.regressor(), dir -> Models.loadRegressor(dir, device));
        DirectionSet directions =
                cached(selection.directions(), dir -> DirectionSet.load(dir, device));
        Navigator navigator = new Navigator(generator, regressor, directions);
        if (manager == null) {
            // Created here rather than in the constructor, which runs on the UI thread, because
            // the first call to Engines.pytorch() loads the native library.
            manager = Engines.pytorch().newBaseManager(device);
        }
        return new DjlEditPipeline(selection, navigator, manager);
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T cached(ModelEntry entry, Function<Path, T> loader) {
        Path key = entry.dir().toAbsolutePath().normalize();
        AutoCloseable model = loaded.get(key);
        if (model == null) {
            long start = System.nanoTime();
            model = loader.apply(entry.dir());
            loaded.put(key, model);
            logger.info(
                    "Loaded {} '{}' from {} in {} ms",
                    entry.role().id(),
                    entry.id(),
                    entry.dir(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return (T) model;
    }

    @Override
    public void close() {
        for (Map.Entry<Path, AutoCloseable> entry : loaded.entrySet()) {
            try {
                entry.getValue().close();
            } catch (Exception e) {
                logger.warn("Closing the model from {} failed: {}", entry.getKey(), e.toString());
            }
        }
        loaded.clear();
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }
}
