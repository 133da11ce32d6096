package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.latentnav.nn.Scalars;

/** Input normalisations that models declare in their card. Images arrive in [-1, 1]. */
public enum ImageNormalization {
    /** Images are used as they are, in [-1, 1]. */
    NONE("none"),
    /** Images are mapped linearly to [0, 1]. */
    ZERO_ONE("zero-one"),
    /**
     * Images are mapped to [0, 1] and standardised with the ImageNet channel mean (0.485, 0.456,
     * 0.406) and standard deviation (0.229, 0.224, 0.225), as torchvision models expect.
     */
    IMAGENET("imagenet");

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final String id;

    ImageNormalization(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ImageNormalization fromId(String id) {
        if (id == null) {
            return NONE;
        }
        for (ImageNormalization n : values()) {
            if (n.id.equalsIgnoreCase(id.trim())) {
                return n;
            }
        }
        throw new InvalidModelException(
                "Unknown normalization '"
                        + id
                        + "' in model.json: use none, zero-one or imagenet.");
    }

    public NDArray apply(NDArray images) {
        if (this == NONE) {
            return images;
        }
        if (this == ZERO_ONE) {
            return Scalars.mul(images.add(1f), 0.5);
        }
        Shape channel = new Shape(1, 3, 1, 1);
        NDArray mean =
                images.getManager().create(MEAN, channel).toDevice(images.getDevice(), false);
        NDArray std = images.getManager().create(STD, channel).toDevice(images.getDevice(), false);
        return Scalars.mul(images.add(1f), 0.5).sub(mean).div(std);
    }
}
