package org.latentnav.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;

/** Checks the models shipped in {@code models/}: their cards, their weights and their edits. */
@Tag("integration")
class ShippedModelsTest {
    static final Path MODELS = Path.of("models");

    @Test
    void everyCardNamesItsProvenance() throws IOException {
        List<Path> folders;
        try (Stream<Path> entries = Files.list(MODELS)) {
            folders = entries.filter(p -> Files.exists(p.resolve(ModelFolder.CARD_FILE))).toList();
        }
        assertTrue(folders.size() >= 5, "model folders: " + folders);
        for (Path folder : folders) {
            ModelCard card = ModelFolder.readCard(folder);
            assertNotNull(card.provenance.command, folder + " has no command");
            assertNotNull(card.provenance.data, folder + " has no data");
            assertNotNull(card.weights.sha256, folder + " has no weight checksum");
            assertEquals(
                    card.weights.bytes,
                    Files.size(folder.resolve(card.weights.file)),
                    folder.toString());
        }
    }
}
