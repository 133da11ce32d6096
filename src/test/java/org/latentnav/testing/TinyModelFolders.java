package org.latentnav.testing;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.LatentSpace;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.model.DjlFeatureExtractor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.ModelFolder;

/** Writes a complete models folder of tiny random models, laid out like the shipped one. */
public final class TinyModelFolders {
    private TinyModelFolders() {}

    public static Path write(Path models) throws IOException {
        try (DjlGenerator g = TinyModels.generator(1);
                DjlDiscriminator d = TinyModels.discriminator(2);
                DjlRegressor r = TinyModels.vggRegressor(3);
                DjlFeatureExtractor f = TinyModels.features(4)) {
            g.card().id = "generator";
            ModelFolder.save(models.resolve("generator"), g.card(), g.block());
            d.card().id = "discriminator";
            ModelFolder.save(models.resolve("discriminator"), d.card(), d.block());
            r.card().id = "regressor-mobilenetv2";
            ModelFolder.save(models.resolve("regressor-mobilenetv2"), r.card(), r.block());
            f.card().id = "features-vgg19";
            ModelFolder.save(models.resolve("features-vgg19"), f.card(), f.block());
            try (DirectionSet set =
                    DirectionSet.create(
                            g,
                            TinyModels.ATTRIBUTES,
                            LatentSpace.W_PLUS,
                            DirectionKind.GLOBAL,
                            0,
                            g.numWs(),
                            Device.cpu())) {
                set.card().id = "directions-mobilenetv2";
                set.save(models.resolve("directions-mobilenetv2"));
            }
        }
        return models;
    }
}
