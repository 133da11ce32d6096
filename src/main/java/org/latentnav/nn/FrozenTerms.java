package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.function.Function;

/**
 * Arrays that a layer derives from its weights on every forward pass (a scaled weight, the
 * demodulation terms, a bias plus constant noise), computed once for a frozen model. They stay
 * valid while the layer's weight array is the {@code source} they were taken from: loading other
 * weights replaces that array and the layer computes the terms again. Changing weights in place (as
 * the GAN's moving average does) is not detected, so only frozen models cache them.
 */
record FrozenTerms(NDArray source, NDArray[] terms) {

    /**
     * Computes {@code derive(source)} without autograd history and attaches the results to {@code
     * manager}, outside any open {@link NDScope}.
     */
    static FrozenTerms of(NDArray source, NDManager manager, Function<NDArray, NDArray[]> derive) {
        NDArray[] terms;
        try (NDScope scope = new NDScope()) {
            NDArray[] raw = derive.apply(source);
            terms = new NDArray[raw.length];
            for (int i = 0; i < raw.length; i++) {
                terms[i] = raw[i].stopGradient();
            }
            NDScope.unregister(terms);
            scope.suppressNotUsedWarning();
        }
        for (NDArray t : terms) {
            t.attach(manager);
        }
        return new FrozenTerms(source, terms);
    }

    /** True when these terms belong to {@code current}, the layer's weight array now. */
    boolean matches(NDArray current) {
        return source == current;
    }

    NDArray get(int i) {
        return terms[i];
    }
}
