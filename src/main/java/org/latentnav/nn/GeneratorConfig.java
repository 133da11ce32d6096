package org.latentnav.nn;

import java.util.Map;

/**
 * Hyper-parameters of {@link StyleGan2Generator} and {@link ResidualDiscriminator}. The number of
 * channels at resolution r is min(channelBase / r, channelMax).
 *
 * @param latentSize size m of z and of w
 * @param mappingLayers number of fully connected layers in the mapping network
 * @param resolution output side in pixels, a power of two of at least 8
 * @param channelBase channel budget divided by the resolution
 * @param channelMax largest channel count of any layer
 */
public record GeneratorConfig(
        int latentSize, int mappingLayers, int resolution, int channelBase, int channelMax) {

    public GeneratorConfig {
        if (resolution < 8 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException(
                    "Invalid resolution " + resolution + ": use a power of two of at least 8.");
        }
        if (latentSize < 1 || mappingLayers < 1 || channelBase < 1 || channelMax < 1) {
            throw new IllegalArgumentException(
                    "Invalid generator configuration: latent size "
                            + latentSize
                            + ", mapping layers "
                            + mappingLayers
                            + ", channel base "
                            + channelBase
                            + " and channel max "
                            + channelMax
                            + " must all be at least 1.");
        }
    }

    /** The default 64x64 configuration shipped with LatentNav. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(128, 4, 64, 4096, 128);
    }

    public int channels(int res) {
        return Math.max(1, Math.min(channelBase / res, channelMax));
    }

    /** Number of w vectors the synthesis network consumes: 2 log2(resolution) - 2. */
    public int numWs() {
        return 2 * log2(resolution) - 2;
    }

    public static int log2(int value) {
        return 31 - Integer.numberOfLeadingZeros(value);
    }

    public Map<String, Object> toMap() {
        return Map.of(
                "latentSize", latentSize,
                "mappingLayers", mappingLayers,
                "resolution", resolution,
                "channelBase", channelBase,
                "channelMax", channelMax);
    }

    public static GeneratorConfig fromMap(Map<String, Object> map) {
        return new GeneratorConfig(
                intValue(map, "latentSize"),
                intValue(map, "mappingLayers"),
                intValue(map, "resolution"),
                intValue(map, "channelBase"),
                intValue(map, "channelMax"));
    }

    static int intValue(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException(
                    "hyperParameters." + key + " is missing or not a number (found " + value + ")");
        }
        return ((Number) value).intValue();
    }
}
