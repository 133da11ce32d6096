package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import org.latentnav.nn.RegressorArchitecture;
import org.latentnav.nn.Vgg19Features;

/**
 * An {@link AttributeRegressor} backed by a DJL block (ResNet-50, MobileNetV2 or VGG-19 with an
 * N-output head). Batch normalisation always runs in inference mode here; training goes through
 * {@link #logits(NDArray, boolean)}.
 */
public final class DjlRegressor extends DjlModel implements AttributeRegressor {
    private final RegressorArchitecture architecture;
    private final ImageNormalization normalization;
    private final List<String> attributes;
    private final int resolution;

    DjlRegressor(ModelCard card, Block net, NDManager manager) {
        super(card, net, manager);
        this.architecture = RegressorArchitecture.fromId(card.architecture);
        this.normalization = ImageNormalization.fromId(card.normalization);
        this.attributes = List.copyOf(card.attributes);
        this.resolution = card.resolution;
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

    /** Returns logits [B, N]; {@code training} switches batch normalisation to batch statistics. */
    public NDArray logits(NDArray images, boolean training) {
        NDArray x = normalization.apply(images);
        if (block instanceof Vgg19Features) {
            return ((Vgg19Features) block).classify(store, x, training);
        }
        return block.forward(store, new NDList(x), training).head();
    }
}
