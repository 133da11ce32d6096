package org.latentnav.gan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.latentnav.nn.GeneratorConfig;

/** Settings of a GAN training run; the defaults are those of the shipped generator. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class GanConfig {
    public String data;
    public int resolution = 64;
    public int latentSize = 128;
    public int mappingLayers = 4;
    public int channelBase = 1024;
    public int channelMax = 128;
    public int batchSize = 32;

    /** Length of training in thousands of real images shown to D. */
    public double kimg = 3000;

    public double learningRate = 0.0015;
    public double beta1 = 0;
    public double beta2 = 0.99;

    /** Weight gamma of the R1 penalty (gamma / 2) E ||grad D(x)||^2 on real images. */
    public double r1Gamma = 0.2;

    /** R1 runs every this many steps, scaled up to match (lazy regularisation). */
    public int r1Interval = 16;

    /** Half-life of the generator's weight average, in thousands of images. */
    public double emaKimg = 5;

    /** The EMA half-life is at most this fraction of the images seen so far (ramp-up). */
    public double emaRampup = 0.05;

    /** Probability of mixing two latents at a random layer (style mixing regularisation). */
    public double styleMixing = 0.9;

    public boolean mirror = true;
    public long seed = 1;

    /** Thousands of images between sample grids and checkpoints. */
    public double snapshotKimg = 10;

    public GeneratorConfig generatorConfig() {
        return new GeneratorConfig(latentSize, mappingLayers, resolution, channelBase, channelMax);
    }

    /** Throws an exception naming the first invalid setting by its train-gan option. */
    public void validate() {
        generatorConfig();
        if (batchSize < 2) {
            throw invalid("--batch-size", batchSize, "use 2 or more");
        }
        if (r1Interval < 1) {
            throw invalid("--r1-interval", r1Interval, "use 1 or more");
        }
        positive("--kimg", kimg);
        positive("--lr", learningRate);
        positive("--snapshot-kimg", snapshotKimg);
        if (!(r1Gamma >= 0) || Double.isInfinite(r1Gamma)) {
            throw invalid("--r1-gamma", r1Gamma, "use a finite number, 0 or more");
        }
    }

    private static void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(option, value, "use a finite number above 0");
        }
    }

    private static IllegalArgumentException invalid(String option, Object value, String hint) {
        return new IllegalArgumentException(
                "Invalid GAN setting " + option + " " + value + ": " + hint + ".");
    }
}
