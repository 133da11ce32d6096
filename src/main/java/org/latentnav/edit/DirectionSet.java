package org.latentnav.edit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.latentnav.engine.Engines;
import org.latentnav.model.Generator;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.ModelRole;

/**
 * A learned set of editing directions T = {d_1..d_N} for one generator: attribute names, the latent
 * space they move, global or local kind, the w+ layers they touch and the fingerprint of the
 * generator they were trained for.
 */
public final class DirectionSet implements AutoCloseable {
    public static final int DEFAULT_HIDDEN = 128;

    private final ModelCard card;
    private final List<String> attributes;
    private final LatentSpace space;
    private final DirectionKind kind;
    private final int latentSize;
    private final int numWs;
    private final int layerStart;
    private final int layerEnd;
    private final DirectionBlock block;
    private final NDManager manager;
    private final ParameterStore store;

    private DirectionSet(ModelCard card, NDManager manager) {
        this.card = card;
        this.manager = manager;
        this.attributes = List.copyOf(card.attributes);
        this.space = LatentSpace.fromId(card.latentSpace);
        this.kind = DirectionKind.fromId(card.architecture);
        this.latentSize = card.latentSize;
        this.numWs = card.numWs;
        this.layerStart = intParameter(card, "layerStart", 0);
        this.layerEnd = intParameter(card, "layerEnd", numWs);
        if (layerStart < 0 || layerEnd > numWs || layerStart >= layerEnd) {
            throw new IllegalArgumentException(
                    "Invalid layer range ["
                            + layerStart
                            + ", "
                            + layerEnd
                            + "): use 0 <= start < end <= "
                            + numWs
                            + ".");
        }
        int dimension = space == LatentSpace.W_PLUS ? numWs * latentSize : latentSize;
        this.block =
                new DirectionBlock(
                        kind,
                        latentSize,
                        attributes.size(),
                        dimension,
                        intParameter(card, "hidden", DEFAULT_HIDDEN));
        block.initialize(manager, DataType.FLOAT32, new Shape(1, latentSize));
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Creates a freshly initialised direction set for {@code generator}. The layer range
     * [layerStart, layerEnd) only matters for w+.
     */
    public static DirectionSet create(
            Generator generator,
            List<String> attributes,
            LatentSpace space,
            DirectionKind kind,
            int layerStart,
            int layerEnd,
            Device device) {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("A direction set needs at least one attribute.");
        }
        if (space != LatentSpace.Z && !generator.hasMappingNetwork()) {
            throw new IllegalArgumentException(
                    "The generator has no mapping network, so w = z and only z-space directions"
                            + " apply to it; use the latent space z instead of "
                            + space
                            + ".");
        }
        ModelCard card = new ModelCard();
        card.role = ModelRole.DIRECTIONS;
        card.architecture = kind.id();
        card.latentSpace = space.id();
        card.latentSize = generator.latentSize();
        card.numWs = generator.numWs();
        card.resolution = generator.resolution();
        card.attributes.addAll(attributes);
        card.generatorFingerprint = generator.fingerprint();
        card.hyperParameters.put("layerStart", layerStart);
        card.hyperParameters.put("layerEnd", layerEnd);
        card.hyperParameters.put("hidden", DEFAULT_HIDDEN);
        return new DirectionSet(card, Engines.pytorch().newBaseManager(device));
    }

    public static DirectionSet load(Path dir, Device device) {
        ModelCard card = ModelFolder.readCard(dir);
        if (card.role != ModelRole.DIRECTIONS) {
            throw new InvalidModelException(
                    "Model card "
                            + dir.resolve(ModelFolder.CARD_FILE)
                            + " describes a "
                            + card.role.id()
                            + " model, but a direction set was expected. Pick a directions folder.");
        }
        if (card.latentSize == null
                || card.numWs == null
                || card.latentSpace == null
                || card.attributes.isEmpty()) {
            throw new InvalidModelException(
                    "Invalid direction card "
                            + dir.resolve(ModelFolder.CARD_FILE)
                            + ": latentSize, numWs, latentSpace and attributes are required.");
        }
        NDManager manager = Engines.pytorch().newBaseManager(device);
        try {
            DirectionSet set = new DirectionSet(card, manager);
            ModelFolder.loadWeights(dir, card, set.block, manager);
            return set;
        } catch (IllegalArgumentException e) {
            manager.close();
            throw new InvalidModelException(
                    "Invalid direction card "
                            + dir.resolve(ModelFolder.CARD_FILE)
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public void save(Path dir) throws IOException {
        ModelFolder.save(dir, card, block);
    }

    /**
     * Rejects a generator other than the one these directions were trained for, or one whose latent
     * layout differs.
     */
    public void checkCompatible(Generator generator) {
        if (generator.latentSize() != latentSize || generator.numWs() != numWs) {
            throw new InvalidModelException(
                    "Direction set '"
                            + name()
                            + "' expects a generator with latent size "
                            + latentSize
                            + " and "
                            + numWs
                            + " w layers, but the generator has "
                            + generator.latentSize()
                            + " and "
                            + generator.numWs()
                            + ".");
        }
        if (space != LatentSpace.Z && !generator.hasMappingNetwork()) {
            throw new InvalidModelException(
                    "Direction set '"
                            + name()
                            + "' moves "
                            + space
                            + ", but the generator has no mapping network and only z-space"
                            + " directions apply to it.");
        }
        String expected = card.generatorFingerprint;
        if (expected != null && !expected.equals(generator.fingerprint())) {
            throw new InvalidModelException(
                    "Direction set '"
                            + name()
                            + "' was trained for generator "
                            + expected
                            + ", not for the loaded generator "
                            + generator.fingerprint()
                            + ". Pick directions trained for this generator or train new ones.");
        }
    }

    /** Returns T(z): [B, N, D] for local sets, [1, N, D] for global sets. */
    public NDArray directions(NDArray z, boolean training) {
        return block.directions(store, z, training);
    }

    public String name() {
        if (card.id != null) {
            return card.id;
        }
        return card.name != null ? card.name : kind.id() + "-" + space.id();
    }

    /** Returns the id of the regressor these directions were trained through, or null. */
    public String regressorId() {
        Object id = card.hyperParameters.get("regressor");
        return id == null ? null : id.toString();
    }

    public ModelCard card() {
        return card;
    }

    public DirectionBlock block() {
        return block;
    }

    public List<String> attributes() {
        return attributes;
    }

    public LatentSpace space() {
        return space;
    }

    public DirectionKind kind() {
        return kind;
    }

    public int latentSize() {
        return latentSize;
    }

    public int numWs() {
        return numWs;
    }

    public int layerStart() {
        return layerStart;
    }

    public int layerEnd() {
        return layerEnd;
    }

    private static int intParameter(ModelCard card, String key, int fallback) {
        Object value = card.hyperParameters.get(key);
        return value instanceof Number ? ((Number) value).intValue() : fallback;
    }

    @Override
    public void close() {
        manager.close();
    }
}
