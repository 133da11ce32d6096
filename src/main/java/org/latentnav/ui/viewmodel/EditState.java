package org.latentnav.ui.viewmodel;

import java.util.Arrays;

/** The undoable part of the editor: truncation and, per attribute, epsilon and the held flag. */
record EditState(double truncation, double[] epsilon, boolean[] held) {
    @Override
    public boolean equals(Object other) {
        return other instanceof EditState
                && truncation == ((EditState) other).truncation
                && Arrays.equals(epsilon, ((EditState) other).epsilon)
                && Arrays.equals(held, ((EditState) other).held);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(epsilon) * 31 + Arrays.hashCode(held) + Double.hashCode(truncation);
    }

    @Override
    public String toString() {
        return "EditState[truncation="
                + truncation
                + ", epsilon="
                + Arrays.toString(epsilon)
                + ", held="
                + Arrays.toString(held)
                + "]";
    }
}
