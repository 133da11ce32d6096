package org.latentnav.ui.service;

/**
 * A rendered edit. Images are packed opaque ARGB pixels, row by row, {@code resolution} pixels on a
 * side. Attribute arrays follow the direction set's attribute order.
 *
 * @param request the request this result is for
 * @param resolution the side of each image in pixels
 * @param original the unedited image G(z)
 * @param edited the edited image
 * @param difference |edited - original| per channel, amplified so that small changes show
 * @param alpha the regressor's values on the original image, R(G(z))
 * @param target the requested values clip(alpha + epsilon, 0, 1); alpha for held attributes
 * @param editedValues the regressor's values on the edited image
 * @param corrections the correction rounds that held attributes needed (0 when none is held)
 * @param milliseconds the time the inference worker spent on this result
 */
public record RenderResult(
        RenderRequest request,
        int resolution,
        int[] original,
        int[] edited,
        int[] difference,
        float[] alpha,
        float[] target,
        float[] editedValues,
        int corrections,
        double milliseconds) {}
