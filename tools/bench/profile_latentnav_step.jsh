// Profiles LatentNav's direction-training step with PyTorch's profiler and writes a Chrome
// trace. Run by tools/bench/profile_step.sh, which passes these system properties:
//   models      models folder (generator, discriminator, regressor-mobilenetv2, features-vgg19)
//   batch       batch size
//   warmup      iterations before the profile starts
//   profiled    iterations inside the profile
//   trace       output file
// The trainer uses the same settings as `latentnav bench --only directions`.
import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import org.latentnav.train.DirectionTrainer;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.LearningRateSchedule;
import org.latentnav.train.TrainingListener;

Path models = Paths.get(System.getProperty("models"));
int batch = Integer.getInteger("batch");
int warmup = Integer.getInteger("warmup");
int profiled = Integer.getInteger("profiled");
String trace = System.getProperty("trace");

Device cpu = Device.cpu();
Generator g = Models.loadGenerator(models.resolve("generator"), cpu);
Discriminator d = Models.loadDiscriminator(models.resolve("discriminator"), cpu);
AttributeRegressor r = Models.loadRegressor(models.resolve("regressor-mobilenetv2"), cpu);
FeatureExtractor f = Models.loadFeatureExtractor(models.resolve("features-vgg19"), cpu);

DirectionTrainingConfig config = new DirectionTrainingConfig();
config.attributes = r.attributes();
config.batchSize = batch;
config.samplesPerEpoch = batch * (warmup + profiled);
config.epochs = 1;
config.schedule = LearningRateSchedule.constant(1e-4);
DirectionTrainer trainer = new DirectionTrainer(g, d, r, f, config, cpu);

// onIteration runs after each step, so the profile covers steps warmup .. warmup + profiled - 1
// and ends before the epoch's preview is rendered.
trainer.addListener(new TrainingListener() {
    @Override
    public void onIteration(Iteration it) {
        if (it.iteration() == warmup - 1) {
            JniUtils.startProfile(false, false, false);
        } else if (it.iteration() == warmup + profiled - 1) {
            JniUtils.stopProfile(trace);
            System.out.println("Wrote " + trace);
        }
    }
});
trainer.train(null);
trainer.close();
/exit
