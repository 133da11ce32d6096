package org.latentnav.ui.service;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.latentnav.edit.Navigator;
import org.latentnav.io.Images;

/**
 * Renders edits with a {@link Navigator}. The unedited image and its regressor values are cached
 * per latent and truncation, so moving a slider costs one synthesis and one regressor pass; with
 * attributes held, each correction round of {@link Navigator#editHolding} adds one more of each.
 * Every array a render creates lives in an {@link NDScope} that is closed before it returns.
 */
final class DjlEditPipeline implements EditPipeline {
    /** Factor applied to |edited - original| so that small changes are visible. */
    static final float DIFFERENCE_GAIN = 4f;

    private static final int SWEEP_BATCH = 8;

    private final ModelSelection selection;
    private final Navigator navigator;
    private final NDManager manager;
    private final int latentSize;
    private final int resolution;
    private Original cachedOriginal;

    /** The unedited image of one latent and truncation. */
    private record Original(
            float[] z, float truncation, float[] pixels, int[] argb, float[] alpha) {
        boolean matches(float[] otherZ, float otherTruncation) {
            return truncation == otherTruncation && Arrays.equals(z, otherZ);
        }
    }

    /** Creates a pipeline whose input arrays come from {@code manager}, owned by the caller. */
    DjlEditPipeline(ModelSelection selection, Navigator navigator, NDManager manager) {
        this.selection = selection;
        this.navigator = navigator;
        this.manager = manager;
        this.latentSize = navigator.generator().latentSize();
        this.resolution = navigator.generator().resolution();
    }

    @Override
    public ModelSelection selection() {
        return selection;
    }

    @Override
    public List<String> attributes() {
        return navigator.directions().attributes();
    }

    @Override
    public int latentSize() {
        return latentSize;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public String generatorFingerprint() {
        return navigator.generator().fingerprint();
    }

    @Override
    public RenderResult render(RenderRequest request) {
        checkRequest(request);
        long start = System.nanoTime();
        Original original = original(request.z(), request.truncation());
        try (NDScope scope = new NDScope()) {
            int count = request.epsilon().length;
            NDArray z = manager.create(request.z(), new Shape(1, latentSize));
            NDArray alpha = manager.create(original.alpha(), new Shape(1, count));
            NDArray delta =
                    Navigator.delta(alpha, manager.create(request.epsilon(), new Shape(1, count)));
            Navigator.HeldEdit held =
                    navigator.editHolding(z, alpha, delta, request.truncation(), request.held());
            NDArray edited = held.images();
            float[] editedValues = held.values().toFloatArray();
            float[] target = Navigator.targets(alpha, delta, request.held());
            float[] pixels = edited.toFloatArray();
            scope.suppressNotUsedWarning();
            return new RenderResult(
                    request,
                    resolution,
                    original.argb(),
                    toArgb(pixels),
                    difference(pixels, original.pixels()),
                    original.alpha().clone(),
                    target,
                    editedValues,
                    held.rounds(),
                    (System.nanoTime() - start) / 1e6);
        }
    }

    @Override
    public List<int[]> sweep(RenderRequest base, int attribute, int frames) {
        checkRequest(base);
        if (frames < 2) {
            throw new IllegalArgumentException("A sweep needs at least 2 frames, got " + frames);
        }
        Original original = original(base.z(), base.truncation());
        int count = base.epsilon().length;
        List<int[]> out = new ArrayList<>();
        for (int first = 0; first < frames; first += SWEEP_BATCH) {
            int batch = Math.min(SWEEP_BATCH, frames - first);
            float[] epsilon = new float[batch * count];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(base.epsilon(), 0, epsilon, b * count, count);
                epsilon[b * count + attribute] = -1f + 2f * (first + b) / (frames - 1);
            }
            try (NDScope scope = new NDScope()) {
                NDArray z = manager.create(base.z(), new Shape(1, latentSize)).repeat(0, batch);
                NDArray alpha =
                        manager.create(original.alpha(), new Shape(1, count)).repeat(0, batch);
                NDArray delta =
                        Navigator.delta(alpha, manager.create(epsilon, new Shape(batch, count)));
                NDArray images =
                        navigator
                                .editHolding(z, alpha, delta, base.truncation(), base.held())
                                .images();
                float[] pixels = images.toFloatArray();
                int size = 3 * resolution * resolution;
                for (int b = 0; b < batch; b++) {
                    out.add(toArgb(Arrays.copyOfRange(pixels, b * size, (b + 1) * size)));
                }
                scope.suppressNotUsedWarning();
            }
        }
        return out;
    }

    private void checkRequest(RenderRequest request) {
        if (request.z().length != latentSize) {
            throw new IllegalArgumentException(
                    "The latent has "
                            + request.z().length
                            + " values but the generator needs "
                            + latentSize);
        }
        if (request.epsilon().length != attributes().size()) {
            throw new IllegalArgumentException(
                    "Expected "
                            + attributes().size()
                            + " epsilon values, one per attribute, but got "
                            + request.epsilon().length);
        }
    }

    private Original original(float[] zValues, float truncation) {
        if (cachedOriginal != null && cachedOriginal.matches(zValues, truncation)) {
            return cachedOriginal;
        }
        try (NDScope scope = new NDScope()) {
            NDArray z = manager.create(zValues, new Shape(1, latentSize));
            NDArray image = navigator.render(navigator.wPlus(z, truncation));
            float[] pixels = image.toFloatArray();
            float[] alpha = navigator.alpha(image).toFloatArray();
            cachedOriginal =
                    new Original(zValues.clone(), truncation, pixels, toArgb(pixels), alpha);
            scope.suppressNotUsedWarning();
            return cachedOriginal;
        }
    }

    private int[] toArgb(float[] chw) {
        int plane = resolution * resolution;
        int[] argb = new int[plane];
        Images.toArgb(chw, 0, plane, argb);
        return argb;
    }

    /** Returns the amplified per-channel absolute difference of two CHW images in [-1, 1]. */
    private int[] difference(float[] edited, float[] original) {
        float[] scaled = new float[edited.length];
        for (int i = 0; i < edited.length; i++) {
            // Clip the amplified |e - o| to [0, 2], then shift it to [-1, 1] for Images.toArgb.
            scaled[i] = Math.min(2f, Math.abs(edited[i] - original[i]) * DIFFERENCE_GAIN) - 1f;
        }
        return toArgb(scaled);
    }
}
