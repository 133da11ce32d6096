package org.latentnav.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * The TorchScript blocks of a model with several modules (a generator's mapping and synthesis) as
 * named children, so that freezing and listing parameters reach all of them. It has no forward pass
 * of its own: the model class calls each module.
 */
final class TorchScriptBlocks extends AbstractBlock {
    TorchScriptBlocks(Map<String, TorchScriptModule> modules) {
        modules.forEach((key, module) -> addChildBlock(key, module.block()));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                "A TorchScript generator's block only groups its modules; call the generator's"
                        + " mapping and synthesis methods instead.");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(
                "A TorchScript generator's block only groups its modules and has no output shape.");
    }
}
