package org.latentnav.ui.viewmodel;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * One attribute slider. Epsilon is the requested change in [-1, 1]. Alpha is the regressor's value
 * R(G(z)) on the unedited image, the target is clip(alpha + epsilon, 0, 1), and the edited value is
 * what the regressor measures on the edited image. Values are NaN until the first render.
 *
 * <p>Epsilon below {@link #lowerLimit()} = -alpha or above {@link #upperLimit()} = 1 - alpha would
 * push the target past 0 or 1, so that part of the slider range is clipped.
 */
public final class AttributeViewModel {
    public static final double MIN_EPSILON = -1;
    public static final double MAX_EPSILON = 1;

    private final String name;
    private final DoubleProperty epsilon = new SimpleDoubleProperty(this, "epsilon", 0);
    private final BooleanProperty held = new SimpleBooleanProperty(this, "held", false);
    private final ReadOnlyDoubleWrapper alpha =
            new ReadOnlyDoubleWrapper(this, "alpha", Double.NaN);
    private final ReadOnlyDoubleWrapper target =
            new ReadOnlyDoubleWrapper(this, "target", Double.NaN);
    private final ReadOnlyDoubleWrapper edited =
            new ReadOnlyDoubleWrapper(this, "edited", Double.NaN);
    private final ReadOnlyDoubleWrapper lowerLimit =
            new ReadOnlyDoubleWrapper(this, "lowerLimit", MIN_EPSILON);
    private final ReadOnlyDoubleWrapper upperLimit =
            new ReadOnlyDoubleWrapper(this, "upperLimit", MAX_EPSILON);
    private final BooleanBinding clipped;

    public AttributeViewModel(String name) {
        this.name = name;
        epsilon.addListener(
                (property, old, value) -> {
                    double v = value.doubleValue();
                    if (!(v >= MIN_EPSILON && v <= MAX_EPSILON)) {
                        epsilon.set(
                                Double.isNaN(v)
                                        ? 0
                                        : Math.max(MIN_EPSILON, Math.min(v, MAX_EPSILON)));
                    }
                });
        clipped =
                Bindings.createBooleanBinding(
                        () -> epsilon.get() < lowerLimit.get() || epsilon.get() > upperLimit.get(),
                        epsilon,
                        lowerLimit,
                        upperLimit);
    }

    public String name() {
        return name;
    }

    public DoubleProperty epsilonProperty() {
        return epsilon;
    }

    public double epsilon() {
        return epsilon.get();
    }

    public void setEpsilon(double value) {
        epsilon.set(value);
    }

    public BooleanProperty heldProperty() {
        return held;
    }

    public boolean isHeld() {
        return held.get();
    }

    public ReadOnlyDoubleProperty alphaProperty() {
        return alpha.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** The epsilon below which the target would fall under 0: -alpha, at least -1. */
    public ReadOnlyDoubleProperty lowerLimitProperty() {
        return lowerLimit.getReadOnlyProperty();
    }

    /** The epsilon above which the target would pass 1: 1 - alpha, at most 1. */
    public ReadOnlyDoubleProperty upperLimitProperty() {
        return upperLimit.getReadOnlyProperty();
    }

    public double lowerLimit() {
        return lowerLimit.get();
    }

    public double upperLimit() {
        return upperLimit.get();
    }

    /** True while the current epsilon lies in a clipped part of the range. */
    public BooleanBinding clippedBinding() {
        return clipped;
    }

    /** Sets epsilon to 0 and releases the hold. */
    public void reset() {
        epsilon.set(0);
        held.set(false);
    }

    /** Shows the regressor's values from a render. */
    void showValues(double alphaValue, double targetValue, double editedValue) {
        alpha.set(alphaValue);
        target.set(targetValue);
        edited.set(editedValue);
        lowerLimit.set(Math.max(MIN_EPSILON, -alphaValue));
        upperLimit.set(Math.min(MAX_EPSILON, 1 - alphaValue));
    }
}
