package org.latentnav.edit;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;
import org.latentnav.io.Npy;
import org.latentnav.model.Generator;
import org.latentnav.model.InvalidModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a global {@link DirectionSet} from direction walks computed elsewhere, such as the w+
 * walks of the original Latent2im code: one row per attribute, of shape [N, L, m] for w+ or [N, m]
 * for z or w.
 */
public final class DirectionImport {
    private static final Logger logger = LoggerFactory.getLogger(DirectionImport.class);

    private DirectionImport() {}

    /**
     * Returns the space that walks of this shape move by default: w+ for [N, L, m], w for [N, m] (z
     * for a generator without mapping network).
     */
    public static LatentSpace defaultSpace(Npy.Array walks, Generator generator) {
        if (walks.shape().length == 3) {
            return LatentSpace.W_PLUS;
        }
        return generator.hasMappingNetwork() ? LatentSpace.W : LatentSpace.Z;
    }

    /**
     * Creates a global direction set for {@code generator} whose directions are {@code walks}. For
     * w+, rows [N, L, m] (or [N, L * m]) move layers [layerStart, layerEnd); for z and w, rows are
     * [N, m].
     *
     * @throws IllegalArgumentException if the shape does not fit the generator, the attribute count
     *     or the space, or a value is not finite
     */
    public static DirectionSet fromWalks(
            Generator generator,
            Npy.Array walks,
            List<String> attributes,
            LatentSpace space,
            int layerStart,
            int layerEnd,
            Device device) {
        int numWs = generator.numWs();
        int latentSize = generator.latentSize();
        long[] shape = walks.shape();
        long rowSize = space == LatentSpace.W_PLUS ? (long) numWs * latentSize : latentSize;
        boolean fits =
                space == LatentSpace.W_PLUS && shape.length == 3
                        ? shape[1] == numWs && shape[2] == latentSize
                        : shape.length == 2 && shape[1] == rowSize;
        if (!fits) {
            throw new IllegalArgumentException(
                    "Walks of shape "
                            + Arrays.toString(shape)
                            + " do not fit "
                            + space
                            + " directions of this generator, which need ["
                            + attributes.size()
                            + (space == LatentSpace.W_PLUS
                                    ? ", "
                                            + numWs
                                            + ", "
                                            + latentSize
                                            + "] or ["
                                            + attributes.size()
                                            + ", "
                                            + rowSize
                                    : ", " + latentSize)
                            + "] ("
                            + numWs
                            + " w rows of size "
                            + latentSize
                            + ").");
        }
        if (shape[0] != attributes.size()) {
            throw new IllegalArgumentException(
                    "The walks contain "
                            + shape[0]
                            + " directions but "
                            + attributes.size()
                            + " attribute names were given "
                            + attributes
                            + ": name one attribute per row, in row order.");
        }
        float[] data = walks.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(
                        "The walks contain a non-finite value ("
                                + data[i]
                                + ") at flat index "
                                + i
                                + ".");
            }
        }
        if (space == LatentSpace.W_PLUS) {
            warnOutsideLayers(data, attributes.size(), numWs, latentSize, layerStart, layerEnd);
        }
        DirectionSet set =
                DirectionSet.create(
                        generator,
                        attributes,
                        space,
                        DirectionKind.GLOBAL,
                        layerStart,
                        layerEnd,
                        device);
        try {
            Parameter directions = set.block().getParameters().get("directions");
            if (directions.getArray().size() != data.length) {
                throw new InvalidModelException(
                        "The direction set has "
                                + directions.getArray().getShape()
                                + " values, not the "
                                + data.length
                                + " of the walks.");
            }
            directions.getArray().set(data);
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** Logs a warning when the walks move layers that the layer range leaves out. */
    private static void warnOutsideLayers(
            float[] data, int rows, int numWs, int latentSize, int layerStart, int layerEnd) {
        float ignored = 0f;
        for (int row = 0; row < rows; row++) {
            for (int layer = 0; layer < numWs; layer++) {
                if (layer >= layerStart && layer < layerEnd) {
                    continue;
                }
                int offset = (row * numWs + layer) * latentSize;
                for (int i = 0; i < latentSize; i++) {
                    ignored = Math.max(ignored, Math.abs(data[offset + i]));
                }
            }
        }
        if (ignored > 0f) {
            logger.warn(
                    "The walks move w+ rows outside the layer range [{}, {}) by up to {}; edits"
                            + " ignore those rows.",
                    layerStart,
                    layerEnd,
                    ignored);
        }
    }
}
