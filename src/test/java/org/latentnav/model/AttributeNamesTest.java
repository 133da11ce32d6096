package org.latentnav.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeNamesTest {
    @TempDir Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("names.txt"), text);
    }

    @Test
    void oneNamePerLineIsTrimmed() throws IOException {
        Path file = write("\uFEFF 5_o_Clock_Shadow \r\nArched_Eyebrows\n\n  Smiling\t\n");
        assertEquals(
                List.of("5_o_Clock_Shadow", "Arched_Eyebrows", "Smiling"),
                AttributeNames.read(file));
    }

    @Test
    void celebaListUsesSecondLine() throws IOException {
        Path file = write("2\nSmiling  Male Young \n000001.jpg -1 1 1\n000002.jpg 1 1 -1\n");
        assertEquals(List.of("Smiling", "Male", "Young"), AttributeNames.read(file));
    }

    @Test
    void shippedCelebaSampleIsRead() {
        List<String> names =
                AttributeNames.read(Path.of("resources/avatar-sample/list_attr_celeba.txt"));
        assertEquals(13, names.size());
        assertEquals("Bald", names.get(0));
        assertEquals("Wearing_Hat", names.get(12));
    }

    @Test
    void nameWithSpaceIsRejected() throws IOException {
        Path file = write("Smiling\n1 Male\n");
        InvalidModelException e =
                assertThrows(InvalidModelException.class, () -> AttributeNames.read(file));
        assertTrue(e.getMessage().contains("'1 Male' contains whitespace"), e.getMessage());
    }

    @Test
    void duplicateNameIsRejected() throws IOException {
        Path file = write("Smiling\nSmiling\n");
        InvalidModelException e =
                assertThrows(InvalidModelException.class, () -> AttributeNames.read(file));
        assertTrue(e.getMessage().contains("'Smiling' twice"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("\n  \n");
        InvalidModelException e =
                assertThrows(InvalidModelException.class, () -> AttributeNames.read(file));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }
}
