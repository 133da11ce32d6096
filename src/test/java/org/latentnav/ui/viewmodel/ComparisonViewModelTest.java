package org.latentnav.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.DemoModels;
import org.latentnav.testing.SharedDemoModels;
import org.latentnav.testing.TestServices;
import org.latentnav.ui.service.AppServices;

@ExtendWith(SharedDemoModels.class)
class ComparisonViewModelTest {
    @Test
    void sidesUseEditorValuesAndOwnRegressor(@TempDir Path user) {
        AppServices services = TestServices.synchronous(SharedDemoModels.path(), user);
        EditorViewModel editor = new EditorViewModel(services);
        editor.refreshCatalog();
        ComparisonViewModel comparison = new ComparisonViewModel(editor);
        comparison.activeProperty().set(true);

        editor.attributes().get(0).setEpsilon(0.5);

        ComparisonViewModel.Side left = comparison.left();
        ComparisonViewModel.Side right = comparison.right();
        assertEquals("directions-resnet50", left.directionsProperty().get().id());
        assertEquals("directions-mobilenetv2", right.directionsProperty().get().id());
        assertEquals(DemoModels.RESNET_ID, left.regressorProperty().get().id());
        assertEquals(DemoModels.MOBILENET_ID, right.regressorProperty().get().id());
        assertNull(left.problemProperty().get());
        assertEquals(2, left.rows().size());
        assertEquals(0.5, left.rows().get(0).epsilon(), 1e-6);
        assertEquals(0.5, right.rows().get(0).epsilon(), 1e-6);
        assertNotEquals(left.rows().get(0).alpha(), right.rows().get(0).alpha(), "two regressors");
        assertFalse(
                Arrays.equals(
                        left.frameProperty().get().edited(), right.frameProperty().get().edited()));
        assertTrue(
                left.figuresProperty().get().contains("Validation MSE: 0.0210"),
                left.figuresProperty().get());
        assertTrue(right.figuresProperty().get().contains("Inference, 1 image: 1.90 ms"));
        services.close();
    }

    @Test
    void inactiveTabDoesNotRender(@TempDir Path user) {
        AppServices services = TestServices.synchronous(SharedDemoModels.path(), user);
        EditorViewModel editor = new EditorViewModel(services);
        editor.refreshCatalog();
        ComparisonViewModel comparison = new ComparisonViewModel(editor);

        editor.attributes().get(0).setEpsilon(0.5);

        assertNull(comparison.left().frameProperty().get());
        assertTrue(comparison.left().rows().isEmpty());
        services.close();
    }
}
