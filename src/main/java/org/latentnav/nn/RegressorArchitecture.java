package org.latentnav.nn;

import ai.djl.basicmodelzoo.cv.classification.MobileNetV2;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Locale;

/**
 * The attribute regressor backbones. Each is the standard network with its classifier replaced by
 * an N-output linear layer; the N outputs are logits, and sigmoid(logit) is the attribute value in
 * [0, 1].
 */
public enum RegressorArchitecture {
    RESNET50("resnet50"),
    MOBILENETV2("mobilenetv2"),
    /** VGG-19 up to conv4_2 with a pooled linear head; its convolutions also serve as features. */
    VGG19("vgg19");

    private final String id;

    RegressorArchitecture(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static RegressorArchitecture fromId(String id) {
        for (RegressorArchitecture a : values()) {
            if (a.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "Unknown regressor architecture '" + id + "': use resnet50, mobilenetv2 or vgg19.");
    }

    /** Builds the backbone for images of the given side with {@code outputs} logits. */
    public Block build(int resolution, int outputs, int widthDivisor) {
        switch (this) {
            case RESNET50:
                return ResNetV1.builder()
                        .setImageShape(new Shape(3, resolution, resolution))
                        .setNumLayers(50)
                        .setOutSize(outputs)
                        .build();
            case MOBILENETV2:
                return Scalars.withSafeRelu6(MobileNetV2.builder().setOutSize(outputs).build());
            case VGG19:
                return new Vgg19Features(widthDivisor, outputs);
            default:
                throw new AssertionError(this);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
