package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentnav.engine.Engines;
import org.latentnav.io.Npy;
import org.latentnav.nn.Scalars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Generator} backed by TorchScript modules: a mapping module (z [B, m] to w [B, m]) with a
 * synthesis module (w+ [B, L, m] to images [B, 3, R, R]), or a single generator module (z [B, m] to
 * images), for which w = z and L = 1. Images are mapped linearly from the card's {@code
 * outputRange} to [-1, 1].
 */
public final class TorchScriptGenerator implements Generator {
    private static final Logger logger = LoggerFactory.getLogger(TorchScriptGenerator.class);
    static final String MAPPING = "mapping";
    static final String SYNTHESIS = "synthesis";
    static final String GENERATOR = "generator";
    private static final List<List<String>> LAYOUTS =
            List.of(List.of(MAPPING, SYNTHESIS), List.of(GENERATOR));

    /** Samples that estimate the mean w when the card names no {@code wAverage} file. */
    static final int W_AVERAGE_SAMPLES = 4096;

    private static final int W_AVERAGE_CHUNK = 512;

    private final ModelCard card;
    private final Map<String, TorchScriptModule> modules;

    /** The mapping module, or null for a generator without mapping network. */
    private final TorchScriptModule mapping;

    /** The synthesis module, or the single generator module. */
    private final TorchScriptModule synthesis;

    private final NDManager manager;
    private final Block block;
    private final int latentSize;
    private final int numWs;
    private final int resolution;
    private final float outputLow;
    private final float outputHigh;
    private final String fingerprint;
    private NDArray wAverage;

    private TorchScriptGenerator(
            ModelCard card,
            Map<String, TorchScriptModule> modules,
            NDManager manager,
            String fingerprint,
            float[] outputRange) {
        this.card = card;
        this.modules = modules;
        this.manager = manager;
        this.fingerprint = fingerprint;
        this.mapping = modules.get(MAPPING);
        this.synthesis = mapping != null ? modules.get(SYNTHESIS) : modules.get(GENERATOR);
        this.block = mapping != null ? new TorchScriptBlocks(modules) : synthesis.block();
        this.latentSize = card.latentSize;
        this.numWs = mapping != null ? card.numWs : 1;
        this.resolution = card.resolution;
        this.outputLow = outputRange[0];
        this.outputHigh = outputRange[1];
    }

    /** Loads a TorchScript generator folder, verifies its files and runs the probe. */
    static TorchScriptGenerator load(Path dir, ModelCard card, Device device) {
        long start = System.nanoTime();
        Map<String, Path> files = TorchScriptFolder.moduleFiles(dir, card, LAYOUTS);
        boolean hasMapping = files.containsKey(MAPPING);
        int latentSize = TorchScriptFolder.requirePositive(dir, card.latentSize, "latentSize");
        TorchScriptFolder.requirePositive(dir, card.resolution, "resolution");
        if (hasMapping) {
            TorchScriptFolder.requirePositive(dir, card.numWs, "numWs");
        } else if (card.numWs != null && card.numWs != 1) {
            throw TorchScriptFolder.invalid(
                    dir,
                    "a generator module without mapping network has one w row (w = z), but"
                            + " \"numWs\" is "
                            + card.numWs
                            + ". Set it to 1 or export mapping and synthesis modules.");
        }
        if (!hasMapping && card.wAverage != null) {
            throw TorchScriptFolder.invalid(
                    dir,
                    "\"wAverage\" needs a mapping module; without one, w = z and its mean is 0.");
        }
        float[] outputRange = outputRange(dir, card);
        List<Path> checked = new ArrayList<>(files.values());
        Path wAverageFile = null;
        if (card.wAverage != null) {
            wAverageFile = TorchScriptFolder.resolve(dir, card.wAverage, "wAverage");
            checked.add(wAverageFile);
        }
        String fingerprint = TorchScriptFolder.verifyFiles(dir, card, checked);

        Map<String, TorchScriptModule> modules = TorchScriptFolder.loadModules(files, device);
        NDManager manager = Engines.pytorch().newBaseManager(device);
        try {
            TorchScriptGenerator generator =
                    new TorchScriptGenerator(card, modules, manager, fingerprint, outputRange);
            generator.probe();
            generator.wAverage =
                    hasMapping
                            ? generator.loadWAverage(dir, wAverageFile)
                            : manager.zeros(new Shape(latentSize));
            logger.info(
                    "Loaded TorchScript generator {} ({} w rows, latent size {}, {}x{}) in {} ms",
                    dir,
                    generator.numWs,
                    latentSize,
                    generator.resolution,
                    generator.resolution,
                    (System.nanoTime() - start) / 1_000_000);
            return generator;
        } catch (RuntimeException e) {
            modules.values().forEach(TorchScriptModule::close);
            manager.close();
            throw e;
        }
    }

    private static float[] outputRange(Path dir, ModelCard card) {
        if (card.outputRange == null) {
            return new float[] {-1f, 1f};
        }
        List<Double> range = card.outputRange;
        if (range.size() != 2
                || range.get(0) == null
                || range.get(1) == null
                || !(range.get(0) < range.get(1))) {
            throw TorchScriptFolder.invalid(
                    dir,
                    "\"outputRange\" is "
                            + range
                            + "; give [low, high] with low < high, for example [-1, 1] or [0, 1].");
        }
        return new float[] {range.get(0).floatValue(), range.get(1).floatValue()};
    }

    private NDArray loadWAverage(Path dir, Path file) {
        if (file == null) {
            return estimateWAverage();
        }
        Npy.Array array;
        try {
            array = Npy.read(file);
        } catch (IOException e) {
            throw new InvalidModelException("Failed to read the mean w: " + e.getMessage(), e);
        }
        if (array.size() != latentSize) {
            throw new InvalidModelException(
                    "Mean w file "
                            + file
                            + " contains an "
                            + array
                            + " but the generator's latent size is "
                            + latentSize
                            + " (\"latentSize\" in "
                            + Models.cardPath(dir)
                            + ").");
        }
        return manager.create(array.data(), new Shape(latentSize));
    }

    /** Estimates the mean w from {@link #W_AVERAGE_SAMPLES} latents drawn with a fixed seed. */
    private NDArray estimateWAverage() {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(0);
        NDArray sum = manager.zeros(new Shape(latentSize));
        for (int done = 0; done < W_AVERAGE_SAMPLES; done += W_AVERAGE_CHUNK) {
            try (NDManager chunk = manager.newSubManager()) {
                float[] values = new float[W_AVERAGE_CHUNK * latentSize];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                NDArray z = chunk.create(values, new Shape(W_AVERAGE_CHUNK, latentSize));
                sum.addi(mapping(z).sum(new int[] {0}));
            }
        }
        NDArray mean = sum.div(W_AVERAGE_SAMPLES);
        sum.close();
        logger.info(
                "Estimated the mean w of {} from {} samples in {} ms, because its model.json names"
                        + " no wAverage file",
                mapping.file(),
                W_AVERAGE_SAMPLES,
                (System.nanoTime() - start) / 1_000_000);
        return mean;
    }

    /** Runs the modules on fixed probe latents and checks shapes, values and output range. */
    private void probe() {
        try (NDManager probe = synthesis.newSubManager()) {
            NDArray z = TorchScriptFolder.probeLatents(probe, latentSize);
            NDArray w = z;
            if (mapping != null) {
                w = mapping.forward(z).singletonOrThrow();
                TorchScriptFolder.checkOutput(
                        mapping,
                        w,
                        new Shape(TorchScriptFolder.PROBE_BATCH, latentSize),
                        "A mapping module returns w [B, latentSize]; NVlabs' G.mapping returns"
                                + " [B, numWs, w_dim], of which tools/export takes the first row.");
            }
            NDArray raw = synthesis.forward(modelInput(broadcast(w))).singletonOrThrow();
            TorchScriptFolder.checkOutput(
                    synthesis,
                    raw,
                    new Shape(TorchScriptFolder.PROBE_BATCH, 3, resolution, resolution),
                    "Check \"resolution\", \"numWs\" and \"latentSize\" in model.json.");
            checkRange(raw);
        }
    }

    /**
     * Rejects a declared output range that the probe images exceed by more than half its width,
     * such as [0, 1] for a module whose images are in [-1, 1].
     */
    private void checkRange(NDArray raw) {
        float min = raw.min().getFloat();
        float max = raw.max().getFloat();
        float margin = (outputHigh - outputLow) / 2;
        if (min < outputLow - margin || max > outputHigh + margin) {
            throw new InvalidModelException(
                    String.format(
                            Locale.ROOT,
                            "TorchScript module '%s' (%s) returned values in [%.3g, %.3g] for the"
                                    + " probe, far outside its outputRange [%s, %s] in model.json."
                                    + " Set outputRange to the range of the module's images, for"
                                    + " example [-1, 1] or [0, 1].",
                            synthesis.key(),
                            synthesis.file(),
                            min,
                            max,
                            outputLow,
                            outputHigh));
        }
    }

    /** Returns the input of the synthesis module: w+ itself, or z [B, m] without mapping. */
    private NDArray modelInput(NDArray wPlus) {
        if (mapping != null) {
            return wPlus;
        }
        if (wPlus.getShape().dimension() != 3 || wPlus.getShape().get(1) != 1) {
            throw new IllegalArgumentException(
                    "Generator "
                            + synthesis.file()
                            + " has no mapping network and reads one w row (w = z), but got w+ of"
                            + " shape "
                            + wPlus.getShape()
                            + ".");
        }
        return wPlus.squeeze(1);
    }

    @Override
    public int latentSize() {
        return latentSize;
    }

    @Override
    public int numWs() {
        return numWs;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public boolean hasMappingNetwork() {
        return mapping != null;
    }

    /** Returns w [B, m]; without a mapping network this is z itself. */
    @Override
    public NDArray mapping(NDArray z) {
        if (mapping == null) {
            return z;
        }
        return mapping.forward(z).singletonOrThrow();
    }

    @Override
    public NDArray synthesis(NDArray wPlus) {
        NDArray raw = synthesis.forward(modelInput(wPlus)).singletonOrThrow();
        if (outputLow == -1f && outputHigh == 1f) {
            return raw;
        }
        return Scalars.mul(raw.sub(outputLow), 2.0 / (outputHigh - outputLow)).sub(1f);
    }

    /** Returns the mean w [m]: the card's wAverage file, an estimate, or zeros without mapping. */
    @Override
    public NDArray wAverage(NDArray like) {
        return wAverage;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public ModelCard card() {
        return card;
    }

    /**
     * Returns the generator module's block, or a block whose children are the mapping and synthesis
     * blocks.
     */
    @Override
    public Block block() {
        return block;
    }

    @Override
    public void close() {
        modules.values().forEach(TorchScriptModule::close);
        manager.close();
    }
}
