package org.latentnav.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.DemoModels;
import org.latentnav.testing.SharedDemoModels;
import org.latentnav.testing.TestServices;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.RenderResult;

@ExtendWith(SharedDemoModels.class)
class EditorViewModelTest {
    @TempDir Path user;
    private Path models;
    private AppServices services;
    private EditorViewModel editor;

    @BeforeEach
    void setUp() {
        models = SharedDemoModels.path();
        services = TestServices.synchronous(models, user);
        editor = new EditorViewModel(services);
        editor.refreshCatalog();
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    private AttributeViewModel attribute(String name) {
        return editor.attributes().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void catalogLoadsDefaultModels() {
        assertNull(editor.problemProperty().get(), editor.problemProperty().get());
        assertEquals("generator", editor.generatorProperty().get().id());
        assertEquals("directions-mobilenetv2", editor.directionsProperty().get().id());
        assertEquals(DemoModels.MOBILENET_ID, editor.regressorProperty().get().id());
        assertEquals(
                List.of("Red", "Green"), editor.attributes().stream().map(a -> a.name()).toList());
        RenderResult frame = editor.frameProperty().get();
        assertNotNull(frame);
        assertEquals(16, frame.resolution());
        assertEquals(16 * 16, frame.edited().length);
        for (AttributeViewModel a : editor.attributes()) {
            assertTrue(a.alphaProperty().get() >= 0, a.name());
            assertTrue(a.alphaProperty().get() <= 1, a.name());
        }
    }

    @Test
    void clippedRangeFollowsAlpha() {
        AttributeViewModel red = attribute("Red");
        double alpha = red.alphaProperty().get();

        assertEquals(-alpha, red.lowerLimit(), 1e-6);
        assertEquals(1 - alpha, red.upperLimit(), 1e-6);
        assertFalse(red.clippedBinding().get());

        red.setEpsilon(1);
        assertTrue(red.clippedBinding().get(), "epsilon 1 pushes alpha " + alpha + " past 1");
        assertEquals(1, red.targetProperty().get(), 1e-6);

        red.setEpsilon(-1);
        assertTrue(red.clippedBinding().get());
        assertEquals(0, red.targetProperty().get(), 1e-6);

        double inside = (red.lowerLimit() + red.upperLimit()) / 2;
        red.setEpsilon(inside);
        assertFalse(red.clippedBinding().get());
        assertEquals(alpha + inside, red.targetProperty().get(), 1e-5);
    }

    @Test
    void epsilonIsClampedToRange() {
        AttributeViewModel red = attribute("Red");
        red.setEpsilon(3);
        assertEquals(1, red.epsilon());
        red.setEpsilon(-7);
        assertEquals(-1, red.epsilon());
    }

    @Test
    void sliderChangesImageAndValue() {
        RenderResult before = editor.frameProperty().get();
        AttributeViewModel red = attribute("Red");
        double editedBefore = red.editedProperty().get();

        red.setEpsilon(0.9);

        RenderResult after = editor.frameProperty().get();
        assertArrayEquals(before.original(), after.original(), "the original stays");
        assertFalse(Arrays.equals(before.edited(), after.edited()), "the edited image changes");
        assertTrue(
                Math.abs(red.editedProperty().get() - editedBefore) > 1e-6,
                "the predicted value moves from " + editedBefore);
    }

    @Test
    void heldAttributeReachesRenderer() {
        AttributeViewModel red = attribute("Red");
        AttributeViewModel green = attribute("Green");
        red.setEpsilon(0.8);
        int[] unconditional = editor.frameProperty().get().edited();

        green.heldProperty().set(true);

        RenderResult held = editor.frameProperty().get();
        assertArrayEquals(new boolean[] {false, true}, held.request().held());
        assertEquals(green.alphaProperty().get(), green.targetProperty().get(), 1e-6);
        assertFalse(Arrays.equals(unconditional, held.edited()), "holding Green changes the edit");
    }

    @Test
    void undoAndRedoRestoreSliders() {
        AttributeViewModel red = attribute("Red");
        red.setEpsilon(0.5);
        red.setEpsilon(0.8);

        editor.undo();
        assertEquals(0.5, red.epsilon());
        editor.undo();
        assertEquals(0, red.epsilon());
        assertFalse(editor.canUndoProperty().get());
        editor.redo();
        assertEquals(0.5, red.epsilon());
        assertTrue(editor.canRedoProperty().get());

        red.setEpsilon(0.1);
        assertFalse(editor.canRedoProperty().get(), "a new edit clears redo");
    }

    @Test
    void gestureIsOneUndoStep() {
        AttributeViewModel red = attribute("Red");
        editor.beginGesture();
        for (int i = 1; i <= 10; i++) {
            red.setEpsilon(i / 20.0);
        }
        editor.endGesture();
        editor.undo();
        assertEquals(0, red.epsilon());
        assertFalse(editor.canUndoProperty().get());
    }

    @Test
    void resetAllIsOneUndoStep() {
        attribute("Red").setEpsilon(0.4);
        attribute("Green").setEpsilon(-0.3);
        attribute("Green").heldProperty().set(true);

        editor.resetAll();
        assertEquals(0, attribute("Red").epsilon());
        assertEquals(0, attribute("Green").epsilon());
        assertFalse(attribute("Green").isHeld());

        editor.undo();
        assertEquals(0.4, attribute("Red").epsilon());
        assertEquals(-0.3, attribute("Green").epsilon());
        assertTrue(attribute("Green").isHeld());
    }

    @Test
    void truncationIsUndoable() {
        editor.truncationProperty().set(0.4);
        editor.undo();
        assertEquals(EditorViewModel.DEFAULT_TRUNCATION, editor.truncationProperty().get());
    }

    @Test
    void historyGoesBackAndForward() {
        editor.goToSeed(11);
        editor.goToSeed(22);
        int[] face22 = editor.frameProperty().get().original();

        editor.back();
        assertEquals(11L, editor.latentProperty().get().seed());
        assertFalse(Arrays.equals(face22, editor.frameProperty().get().original()));
        assertTrue(editor.canGoForwardProperty().get());

        editor.forward();
        assertEquals(22L, editor.latentProperty().get().seed());
        assertArrayEquals(face22, editor.frameProperty().get().original());

        editor.back();
        editor.goToSeed(33);
        assertFalse(editor.canGoForwardProperty().get(), "a new face drops the forward part");
        editor.back();
        assertEquals(11L, editor.latentProperty().get().seed());
    }

    @Test
    void sessionRoundTrip() {
        editor.goToSeed(5);
        editor.truncationProperty().set(0.6);
        attribute("Red").setEpsilon(0.25);
        attribute("Green").setEpsilon(-0.5);
        attribute("Green").heldProperty().set(true);
        int[] saved = editor.frameProperty().get().edited();
        Path file = user.resolve("sessions/one.json");
        assertTrue(editor.saveSession(file));

        editor.goToSeed(6);
        editor.truncationProperty().set(0.9);
        editor.resetAll();
        assertTrue(editor.loadSession(file));

        assertEquals(5L, editor.latentProperty().get().seed());
        assertEquals(0.6, editor.truncationProperty().get(), 1e-6);
        assertEquals(0.25, attribute("Red").epsilon(), 1e-9);
        assertEquals(-0.5, attribute("Green").epsilon(), 1e-9);
        assertTrue(attribute("Green").isHeld());
        assertArrayEquals(saved, editor.frameProperty().get().edited());
    }

    @Test
    void sessionWithOtherDirectionsSwitchesModels() {
        Path file = user.resolve("resnet.json");
        editor.directionsProperty()
                .set(
                        editor.directionSets().stream()
                                .filter(e -> e.id().equals("directions-resnet50"))
                                .findFirst()
                                .orElseThrow());
        assertEquals(DemoModels.RESNET_ID, editor.regressorProperty().get().id());
        attribute("Red").setEpsilon(0.3);
        assertTrue(editor.saveSession(file));

        editor.directionsProperty()
                .set(
                        editor.directionSets().get(0).id().equals("directions-resnet50")
                                ? editor.directionSets().get(1)
                                : editor.directionSets().get(0));
        assertTrue(editor.loadSession(file));

        assertEquals("directions-resnet50", editor.directionsProperty().get().id());
        assertEquals(0.3, attribute("Red").epsilon(), 1e-9);
    }

    @Test
    void malformedSessionIsRejected() throws IOException {
        Path file = user.resolve("bad.json");
        Files.writeString(file, "{\"generator\": ", StandardCharsets.UTF_8);
        attribute("Red").setEpsilon(0.2);

        assertFalse(editor.loadSession(file));

        Notice notice = editor.noticeProperty().get();
        assertEquals(Notice.Severity.ERROR, notice.severity());
        assertTrue(notice.text().contains(file.toString()), notice.text());
        assertEquals(0.2, attribute("Red").epsilon(), "a rejected file changes nothing");
    }

    @Test
    void sessionWithOtherWeightsIsRejected() throws IOException {
        Path file = user.resolve("other.json");
        assertTrue(editor.saveSession(file));
        String json = Files.readString(file);
        String sha = editor.generatorProperty().get().weightsSha256();
        Files.writeString(file, json.replace(sha, "0".repeat(sha.length())));

        assertFalse(editor.loadSession(file));

        String text = editor.noticeProperty().get().text();
        assertTrue(text.contains("generator 'generator'"), text);
        assertTrue(text.contains(sha), text);
    }

    @Test
    void missingModelsFolderShowsProblem(@TempDir Path empty) {
        AppServices none = TestServices.synchronous(empty.resolve("models"), empty.resolve("user"));
        EditorViewModel view = new EditorViewModel(none);
        view.refreshCatalog();

        String problem = view.problemProperty().get();
        assertNotNull(problem);
        assertTrue(problem.contains("a generator"), problem);
        assertTrue(
                problem.contains(empty.resolve("models").toAbsolutePath() + " (missing)"), problem);
        assertTrue(problem.contains("LATENTNAV_MODELS"), problem);
        assertNull(view.frameProperty().get());
        none.close();
    }

    @Test
    void corruptWeightsShowModelError(@TempDir Path copy) throws IOException {
        Path brokenModels = copy.resolve("models");
        for (String id : List.of("generator", "regressor-mobilenetv2", "directions-mobilenetv2")) {
            Path target = Files.createDirectories(brokenModels.resolve(id));
            try (var files = Files.list(models.resolve(id))) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        Path weights = brokenModels.resolve("generator/weights.params");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(weights, bytes);

        AppServices broken = TestServices.synchronous(brokenModels, copy.resolve("user"));
        EditorViewModel view = new EditorViewModel(broken);
        view.refreshCatalog();

        String problem = view.problemProperty().get();
        assertNotNull(problem);
        assertTrue(problem.startsWith("The models could not be loaded."), problem);
        assertTrue(problem.contains(weights.toString()), problem);
        assertNull(view.pipeline());
        broken.close();
    }

    @Test
    void savesPngStripAndGif() throws IOException {
        attribute("Red").setEpsilon(0.7);
        Path single = user.resolve("edited.png");
        Path strip = user.resolve("strip.png");
        Path gif = user.resolve("sweep.gif");

        assertTrue(editor.savePng(single, false));
        assertTrue(editor.savePng(strip, true));
        editor.exportSweep(0, gif);

        BufferedImage image = ImageIO.read(single.toFile());
        assertEquals(256, image.getWidth(), "16 px upscaled 16 times");
        BufferedImage pair = ImageIO.read(strip.toFile());
        assertEquals(2 * 256 + 3 * 4, pair.getWidth(), "two images with 4-pixel gaps");
        assertTrue(Files.size(gif) > 0);
        assertEquals(Notice.Severity.INFO, editor.noticeProperty().get().severity());
    }
}
