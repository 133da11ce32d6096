package org.latentnav.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import org.latentnav.engine.Engines;

/**
 * One TorchScript file loaded as a DJL {@link PtSymbolBlock}, always run in evaluation mode with
 * its parameters frozen.
 *
 * <p>DJL's {@code PtSymbolBlock.forward(..., training)} couples two things: with {@code false} it
 * runs the module under torch's InferenceMode, whose outputs cannot take part in backward, and with
 * {@code true} it calls {@code module.train()}, which makes scripted BatchNorm layers use batch
 * statistics and update their running statistics (traced modules keep the mode they were traced
 * in). This class calls the module without InferenceMode and leaves it in evaluation mode, so
 * gradients reach its inputs inside a gradient collector and BatchNorm and dropout behave as in
 * evaluation in every call.
 */
final class TorchScriptModule implements AutoCloseable {
    private final String key;
    private final Path file;
    private final Model model;
    private final PtSymbolBlock block;

    private TorchScriptModule(String key, Path file, Model model, PtSymbolBlock block) {
        this.key = key;
        this.file = file;
        this.model = model;
        this.block = block;
    }

    /**
     * Loads {@code file} on {@code device}. Without the option {@code trainParam=true}, DJL 0.36
     * loads the parameters as inference tensors and backward through the module fails with
     * "Inference tensors cannot be saved for backward".
     */
    static TorchScriptModule load(String key, Path file, Device device) {
        Engines.pytorch();
        Model model = Model.newInstance(key, device, "PyTorch");
        try {
            model.load(file, null, Map.of("trainParam", "true", "mapLocation", "true"));
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new InvalidModelException(
                    "Failed to load TorchScript file "
                            + file
                            + ": "
                            + lastLine(e.getMessage())
                            + ". Export it with torch.jit.trace or torch.jit.script and"
                            + " torch.jit.save (see tools/export).",
                    e);
        }
        if (!(model.getBlock() instanceof PtSymbolBlock)) {
            model.close();
            throw new InvalidModelException(
                    "TorchScript file " + file + " did not load as a module.");
        }
        PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
        JniUtils.enableInferenceMode(block); // module.eval(), not InferenceMode
        block.freezeParameters(true);
        return new TorchScriptModule(key, file, model, block);
    }

    /**
     * Runs the module's forward method. A graph for backward is recorded when torch's grad mode is
     * on (as inside a gradient collector) and an input requires a gradient. The outputs belong to
     * the manager of the first input.
     *
     * @throws InvalidModelException if the module fails on these inputs
     */
    NDList forward(NDArray... inputs) {
        NDList list = new NDList(inputs);
        try {
            // A caller of block().forward(..., true) may have switched the module to training
            // mode; module.eval() costs far less than a forward pass.
            JniUtils.enableInferenceMode(block);
            // true only keeps DJL from running the call under InferenceMode. Unlike
            // PtSymbolBlock.forward, IValueUtils.forward does not call module.train().
            return IValueUtils.forward(block, list, true);
        } catch (EngineException e) {
            throw new InvalidModelException(
                    "TorchScript module '"
                            + key
                            + "' ("
                            + file
                            + ") failed on input "
                            + shapes(list)
                            + ": "
                            + lastLine(e.getMessage()),
                    e);
        }
    }

    /** Returns a manager on the module's device for short-lived arrays such as probe inputs. */
    NDManager newSubManager() {
        return model.getNDManager().newSubManager();
    }

    String key() {
        return key;
    }

    Path file() {
        return file;
    }

    PtSymbolBlock block() {
        return block;
    }

    static String shapes(NDList list) {
        StringJoiner joiner = new StringJoiner(", ");
        for (NDArray array : list) {
            joiner.add(array.getShape().toString());
        }
        return joiner.toString();
    }

    /**
     * Returns the last non-blank line of a TorchScript error. It contains the cause (for example a
     * shape mismatch) after the interpreter's traceback.
     */
    static String lastLine(String message) {
        if (message == null) {
            return "no message";
        }
        String[] lines = message.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "no message";
    }

    @Override
    public void close() {
        model.close();
    }
}
