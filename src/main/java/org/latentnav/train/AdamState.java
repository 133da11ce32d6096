package org.latentnav.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam over a fixed list of parameters with its moment estimates kept here, so that a checkpoint
 * can store and restore them exactly. The learning rate is passed on every step.
 */
public final class AdamState implements AutoCloseable {
    private final PairList<String, Parameter> parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private long steps;
    private long nonFiniteSteps;

    /** Creates the state for those of {@code parameters} that require a gradient. */
    public AdamState(
            PairList<String, Parameter> parameters, double beta1, double beta2, NDManager parent) {
        this.parameters = new PairList<>();
        for (Pair<String, Parameter> p : parameters) {
            if (p.getValue().requiresGradient()) {
                this.parameters.add(p);
            }
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = 1e-8;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : this.parameters) {
            NDArray weight = p.getValue().getArray();
            firstMoment.put(
                    p.getKey(),
                    manager.zeros(weight.getShape()).toDevice(weight.getDevice(), false));
            secondMoment.put(
                    p.getKey(),
                    manager.zeros(weight.getShape()).toDevice(weight.getDevice(), false));
        }
    }

    /**
     * Attaches gradients to the parameters again. Loading parameters replaces their arrays with new
     * ones that have none, so call this after restoring a checkpoint.
     */
    public void attachGradients() {
        for (Pair<String, Parameter> p : parameters) {
            NDArray weight = p.getValue().getArray();
            if (!weight.hasGradient()) {
                weight.setRequiresGradient(true);
            }
        }
    }

    public long steps() {
        return steps;
    }

    /**
     * Applies one update with the gradients the parameters hold now, then zeroes those gradients
     * (PyTorch would otherwise add the next backward pass to them).
     */
    public void step(double learningRate) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (Pair<String, Parameter> p : parameters) {
            NDArray weight = p.getValue().getArray();
            try (NDArray raw = weight.getGradient();
                    NDArray grad = finite(raw)) {
                NDArray m = firstMoment.get(p.getKey());
                NDArray v = secondMoment.get(p.getKey());
                m.muli(beta1).addi(grad.mul(1 - beta1));
                v.muli(beta2).addi(grad.square().mul(1 - beta2));
                NDArray update =
                        m.div(correction1)
                                .div(v.div(correction2).sqrt().add(epsilon))
                                .mul(learningRate);
                weight.subi(update);
                // Assigning zero also clears NaN, which raw.subi(raw) would keep.
                raw.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
            }
        }
    }

    /**
     * Returns the gradient with NaN replaced by 0 and infinities clipped to +-1e5, so that one
     * overflowing batch cannot turn the weights into NaN.
     */
    private NDArray finite(NDArray grad) {
        NDArray nan = grad.isNaN();
        try (nan) {
            if (!nan.any().getBoolean()) {
                return grad.clip(-1e5f, 1e5f);
            }
            nonFiniteSteps++;
            return ai.djl.ndarray.NDArrays.where(nan, grad.zerosLike(), grad).clip(-1e5f, 1e5f);
        }
    }

    /** Number of parameter updates whose gradient held NaN. */
    public long nonFiniteSteps() {
        return nonFiniteSteps;
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        out.writeInt(firstMoment.size());
        for (String key : firstMoment.keySet()) {
            out.writeUTF(key);
            writeArray(out, firstMoment.get(key));
            writeArray(out, secondMoment.get(key));
        }
    }

    public void load(DataInputStream in) throws IOException {
        steps = in.readLong();
        int count = in.readInt();
        if (count != firstMoment.size()) {
            throw new IOException(
                    "optimizer state has " + count + " parameters, expected " + firstMoment.size());
        }
        for (int i = 0; i < count; i++) {
            String key = in.readUTF();
            if (!firstMoment.containsKey(key)) {
                throw new IOException("optimizer state names unknown parameter " + key);
            }
            readArray(in, firstMoment.get(key));
            readArray(in, secondMoment.get(key));
        }
        attachGradients();
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        float[] values = array.toFloatArray();
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static void readArray(DataInputStream in, NDArray target) throws IOException {
        int length = in.readInt();
        if (length != target.size()) {
            throw new IOException(
                    "optimizer state array has " + length + " values, expected " + target.size());
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        target.set(values);
    }

    @Override
    public void close() {
        manager.close();
    }
}
