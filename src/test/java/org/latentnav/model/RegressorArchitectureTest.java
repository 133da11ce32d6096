package org.latentnav.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentnav.engine.Engines;
import org.latentnav.nn.RegressorArchitecture;

class RegressorArchitectureTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"resnet50, 2048", "mobilenetv2, 1280", "vgg19, 32"})
    void outputsLogitsAndPenultimateFeatures(String architecture, long featureSize) {
        int widthDivisor = architecture.equals("vgg19") ? 16 : 1;
        try (DjlRegressor r =
                        Models.newRegressor(
                                RegressorArchitecture.fromId(architecture),
                                32,
                                List.of("A", "B", "C"),
                                widthDivisor,
                                Device.cpu());
                NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray images = m.randomUniform(-1, 1, new Shape(2, 3, 32, 32));
            assertEquals(new Shape(2, 3), r.logits(images).getShape());
            NDArray values = r.predict(images);
            assertEquals(0f, values.lt(0f).sum().getLong(), 0);
            assertEquals(0f, values.gt(1f).sum().getLong(), 0);
            assertEquals(new Shape(2, featureSize), r.penultimate(images).getShape());
        }
    }
}
