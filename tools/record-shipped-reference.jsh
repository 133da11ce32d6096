// Records what the shipped models compute for four fixed latents: the images, the
// discriminator's logits and its gradient with respect to the images, and the MobileNetV2
// regressor's logits. ShippedReferenceTest compares the current code with these files, so a change
// to how the networks compute (not what) must reproduce them to float rounding.
//
//   ./mvnw -q -B -o package -DskipTests
//   jshell -R-Dai.djl.offline=true -R-Dout=src/test/resources/reference/shipped \
//       --class-path "target/latentnav.jar:$(find target/lib -name '*.jar' | paste -sd :)" \
//       tools/record-shipped-reference.jsh
//
// The files in the repository were recorded with commit 6477f92, before the generator and the
// discriminator moved their activation gains into the next layer's weights.
import ai.djl.Device;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.training.GradientCollector;
import java.nio.file.*;
import org.latentnav.model.*;
import org.latentnav.io.Npy;
import org.latentnav.engine.Engines;
Path models = Paths.get(System.getProperty("models", "models"));
var g = Models.loadGenerator(models.resolve("generator"), Device.cpu());
var d = Models.loadDiscriminator(models.resolve("discriminator"), Device.cpu());
var r = Models.loadRegressor(models.resolve("regressor-mobilenetv2"), Device.cpu());
d.block().freezeParameters(true);
var m = Engines.pytorch().newBaseManager();
var rnd = new java.util.SplittableRandom(2026);
float[] zf = new float[4 * g.latentSize()]; for (int i = 0; i < zf.length; i++) zf[i] = (float) (rnd.nextDouble() * 2 - 1);
NDArray z = m.create(zf, new Shape(4, g.latentSize()));
NDArray img = g.synthesis(g.broadcast(g.truncate(g.mapping(z), 0.7f)));
NDArray grad;
NDArray dl;
try (GradientCollector c = Engines.pytorch().newGradientCollector()) {
  NDArray x = img.duplicate(); x.setRequiresGradient(true);
  dl = d.logits(x); c.backward(dl.sum()); grad = x.getGradient().duplicate();
}
NDArray rl = r.logits(img);
Path out = Paths.get(System.getProperty("out"));
Files.createDirectories(out);
Npy.write(out.resolve("images.npy"), img.toFloatArray(), 4, 3, 64, 64);
Npy.write(out.resolve("discriminator-logits.npy"), dl.toFloatArray(), 4);
Npy.write(out.resolve("discriminator-gradient.npy"), grad.toFloatArray(), 4, 3, 64, 64);
Npy.write(out.resolve("regressor-logits.npy"), rl.toFloatArray(), 4, rl.getShape().get(1));
System.out.println("wrote " + out + " " + img.sum().getFloat() + " " + dl.sum().getFloat() + " " + grad.abs().sum().getFloat());
/exit
