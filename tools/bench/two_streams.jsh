// Times the direction-training step's work at batch 4 and 8 two ways: one stream with 2
// intra-op threads (as DirectionTrainer runs it), and two Java threads with 1 intra-op thread
// each, every one on half of the batch. It measures whether splitting a batch over the two cores
// would pay. Each half runs forward and backward as in DirectionTrainer.step, without the Adam
// update and without waiting for the other half, so the two-stream times are a lower bound.
// The content loss here is taken per half, which the trainer does not do.
//
//   ./mvnw -q -B -o package -DskipTests
//   jshell -R-Dai.djl.offline=true -R-Dai.djl.pytorch.num_threads=2 \
//       --class-path "target/latentnav.jar:$(find target/lib -name '*.jar' | paste -sd:)" \
//       tools/bench/two_streams.jsh
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.LatentSpace;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import org.latentnav.train.Losses;
import org.latentnav.train.Seeds;

Path models = Paths.get(System.getProperty("models", "models"));
Device cpu = Device.cpu();
Generator generator = Models.loadGenerator(models.resolve("generator"), cpu);
Discriminator discriminator = Models.loadDiscriminator(models.resolve("discriminator"), cpu);
AttributeRegressor regressor = Models.loadRegressor(models.resolve("regressor-mobilenetv2"), cpu);
FeatureExtractor features = Models.loadFeatureExtractor(models.resolve("features-vgg19"), cpu);
generator.block().freezeParameters(true);
discriminator.block().freezeParameters(true);
regressor.block().freezeParameters(true);
features.block().freezeParameters(true);
DirectionSet directions =
        DirectionSet.create(
                generator,
                regressor.attributes(),
                LatentSpace.W_PLUS,
                DirectionKind.GLOBAL,
                0,
                generator.numWs(),
                cpu);
Navigator navigator = new Navigator(generator, regressor, directions);
NDManager manager = Engines.pytorch().newBaseManager(cpu);
int attributes = regressor.attributes().size();

/** Runs the step's forward and backward passes on {@code batch} samples; returns the loss. */
double forwardBackward(int batch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    try (NDScope scope = new NDScope()) {
        NDArray z =
                manager.create(
                        Seeds.gaussian(random, batch * generator.latentSize()),
                        new Shape(batch, generator.latentSize()));
        NDArray original = generator.synthesis(navigator.wPlus(z, 1f));
        NDArray alpha = navigator.alpha(original);
        float[] epsilon = new float[batch * attributes];
        for (int i = 0; i < epsilon.length; i++) {
            epsilon[i] = (float) (random.nextDouble() * 2 - 1);
        }
        NDArray delta =
                Navigator.delta(alpha, manager.create(epsilon, new Shape(batch, attributes)));
        NDArray target = alpha.add(delta);
        NDList originalFeatures = features.features(original);
        // DJL allows one GradientCollector at a time in a process, so each thread records
        // through PyTorch's thread-local grad mode directly.
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            NDArray edited = generator.synthesis(navigator.editedWPlus(z, delta, 1f, true));
            NDArray regression = Losses.bceWithLogits(navigator.logits(edited), target);
            NDArray realness =
                    Losses.discriminator(discriminator.logits(edited), Losses.DiscLoss.PAPER);
            NDArray content = Losses.content(features.features(edited), originalFeatures);
            NDArray loss = regression.mul(10f).add(realness.mul(0.05f)).add(content.mul(0.05f));
            double value = loss.getFloat();
            JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
            return value;
        } finally {
            JniUtils.setGradMode(recording);
        }
    }
}

ExecutorService pool = Executors.newFixedThreadPool(2);
int steps = 12;
for (int round = 0; round < 3; round++) {
    for (int batch : new int[] {4, 8}) {
        Engines.setThreadsForCurrentThread(2);
        for (int i = 0; i < 3; i++) {
            forwardBackward(batch, i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            forwardBackward(batch, i);
        }
        double oneStream = (System.nanoTime() - start) / 1e6 / steps;
        int half = batch / 2;
        Callable<Double> stream =
                () -> {
                    Engines.setThreadsForCurrentThread(1);
                    double sum = 0;
                    for (int i = 0; i < steps + 3; i++) {
                        sum += forwardBackward(half, i);
                    }
                    return sum;
                };
        start = System.nanoTime();
        Future<Double> first = pool.submit(stream);
        Future<Double> second = pool.submit(stream);
        first.get();
        second.get();
        double twoStreams = (System.nanoTime() - start) / 1e6 / (steps + 3);
        System.out.printf(
                "batch %d: one stream %.1f ms, two streams %.1f ms per step%n",
                batch, oneStream, twoStreams);
    }
}
pool.shutdown();
/exit
