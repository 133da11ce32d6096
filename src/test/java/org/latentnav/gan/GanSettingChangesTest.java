package org.latentnav.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A resumed GAN run names the training settings that differ from its checkpoint's. */
class GanSettingChangesTest {
    @Test
    void sameSettingsReportNothing() {
        assertEquals(List.of(), GanTrainer.settingChanges(new GanConfig(), new GanConfig()));
    }

    @Test
    void changedSettingsAreNamed() {
        GanConfig saved = new GanConfig();
        saved.batchSize = 16;
        saved.learningRate = 0.002;
        GanConfig now = new GanConfig();
        assertEquals(
                List.of("batch size 16 -> 32", "learning rate 0.002 -> 0.0015"),
                GanTrainer.settingChanges(saved, now));
    }

    @Test
    void largerKimgIsNoChange() {
        // --kimg is the total to train to, and raising it is how a finished run trains on.
        GanConfig saved = new GanConfig();
        saved.kimg = 10;
        assertEquals(List.of(), GanTrainer.settingChanges(saved, new GanConfig()));
    }
}
