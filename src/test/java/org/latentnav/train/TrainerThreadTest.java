package org.latentnav.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.testing.TinyModels;

class TrainerThreadTest {
    @Test
    void trainingRunsOnFreshThread() throws Exception {
        AttributeRegressor r = TinyModels.channelMeans(8f);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (DjlGenerator g = TinyModels.generator(9)) {
            DirectionTrainingConfig c = new DirectionTrainingConfig();
            c.attributes = TinyModels.ATTRIBUTES;
            c.samplesPerEpoch = 8;
            c.batchSize = 4;
            c.epochs = 1;
            c.lambdaDisc = 0;
            c.lambdaContent = 0;
            DirectionTrainer trainer = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            // A new thread starts with PyTorch's gradient mode on; training must still work.
            Future<Integer> done =
                    pool.submit(
                            () -> {
                                trainer.train(null);
                                return trainer.epochsDone();
                            });
            assertEquals(1, done.get());
            trainer.close();
        } finally {
            pool.shutdownNow();
        }
    }
}
