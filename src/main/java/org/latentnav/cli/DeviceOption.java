package org.latentnav.cli;

import ai.djl.Device;
import org.latentnav.engine.Engines;
import picocli.CommandLine.Option;

/** The {@code --device} option shared by every command that runs a model. */
public final class DeviceOption {
    @Option(
            names = "--device",
            defaultValue = "${env:LATENTNAV_DEVICE:-cpu}",
            description =
                    "cpu, gpu, gpu:N, cuda, cuda:N or auto (default: ${DEFAULT-VALUE}; the environment variable"
                            + " LATENTNAV_DEVICE sets it).")
    String name;

    /** Returns the parsed device, starting the engine if needed. */
    public Device device() {
        return Engines.device(name);
    }
}
