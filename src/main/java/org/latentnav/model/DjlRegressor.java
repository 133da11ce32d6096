package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.latentnav.nn.FoldedBlock;
import org.latentnav.nn.MemoryFormat;
import org.latentnav.nn.RegressorArchitecture;
import org.latentnav.nn.Vgg19Features;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AttributeRegressor} backed by a DJL block (ResNet-50, MobileNetV2 or VGG-19 with an
 * N-output head). Batch normalisation always runs in inference mode here; training goes through
 * {@link #logits(NDArray, boolean)}.
 */
public final class DjlRegressor extends DjlModel implements AttributeRegressor {
    private static final Logger logger = LoggerFactory.getLogger(DjlRegressor.class);

    private final RegressorArchitecture architecture;
    private final ImageNormalization normalization;
    private final List<String> attributes;
    private final int resolution;
    private volatile FoldedBlock folded;

    DjlRegressor(ModelCard card, Block net, NDManager manager) {
        super(card, net, manager);
        this.architecture = RegressorArchitecture.fromId(card.architecture);
        this.normalization = ImageNormalization.fromId(card.normalization);
        this.attributes = List.copyOf(card.attributes);
        this.resolution = card.resolution;
    }

    /**
     * Freezes the weights and runs inference from then on through a copy of the network with each
     * BatchNorm folded into the convolution before it ({@link FoldedBlock}). A folded regressor
     * rejects training mode, which would update the statistics that the copy froze. Returns the
     * number of folded pairs, 0 where nothing folds or the folded copy does not match the network,
     * in which case inference keeps using the block.
     */
    public synchronized int foldForInference() {
        if (folded != null) {
            return folded.fusedPairs();
        }
        if (block instanceof Vgg19Features) {
            return 0;
        }
        block.freezeParameters(true);
        try {
            FoldedBlock f =
                    FoldedBlock.fold(block, new Shape(2, 3, resolution, resolution), manager);
            if (f.fusedPairs() == 0) {
                f.close();
                return 0;
            }
            folded = f;
            return f.fusedPairs();
        } catch (IllegalStateException e) {
            logger.warn("Regressor {} runs unfolded: {}", card.id, e.getMessage());
            return 0;
        }
    }

    public RegressorArchitecture architecture() {
        return architecture;
    }

    @Override
    public List<String> attributes() {
        return attributes;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public NDArray logits(NDArray images) {
        return logits(images, false);
    }

    @Override
    public NDArray penultimate(NDArray images) {
        NDArray x = MemoryFormat.channelsLast(normalization.apply(images));
        if (block instanceof Vgg19Features) {
            NDList features = ((Vgg19Features) block).features(store, x, false);
            return Pool.globalAvgPool2d(features.get(features.size() - 1));
        }
        List<Block> children = block.getChildren().values();
        int head = children.size() - 1;
        while (head >= 0
                && !(children.get(head) instanceof Linear
                        || children.get(head) instanceof Conv2d)) {
            head--;
        }
        FoldedBlock f = folded;
        if (f != null) {
            NDArray out = f.forwardChildren(new NDList(x), head).head();
            return out.reshape(out.getShape().get(0), -1);
        }
        NDList current = new NDList(x);
        for (int i = 0; i < head; i++) {
            current = children.get(i).forward(store, current, false);
        }
        NDArray out = current.head();
        return out.reshape(out.getShape().get(0), -1);
    }

    /** Returns logits [B, N]; {@code training} switches batch normalisation to batch statistics. */
    public NDArray logits(NDArray images, boolean training) {
        NDArray x = MemoryFormat.channelsLast(normalization.apply(images));
        if (block instanceof Vgg19Features) {
            return ((Vgg19Features) block).classify(store, x, training);
        }
        FoldedBlock f = folded;
        if (f != null) {
            if (training) {
                throw new IllegalStateException(
                        "Regressor " + card.id + " is folded for inference and cannot train.");
            }
            return f.forward(new NDList(x)).head();
        }
        return block.forward(store, new NDList(x), training).head();
    }
}
