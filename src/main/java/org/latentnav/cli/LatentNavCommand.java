package org.latentnav.cli;

import org.latentnav.model.InvalidModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code latentnav} command. */
@Command(
        name = "latentnav",
        mixinStandardHelpOptions = true,
        version = "LatentNav 0.1.0",
        description = "Controllable GAN image editing by latent space navigation.",
        subcommands = {
            RenderCommand.class,
            EditCommand.class,
            TrainDirectionsCommand.class,
            TrainGanCommand.class,
            TrainRegressorCommand.class,
            EvaluateCommand.class,
            EvaluateGanCommand.class,
            BenchCommand.class,
            ImportDirectionsCommand.class,
            InfoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LatentNavCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with handlers that print user errors without a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LatentNavCommand());
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    if (ex instanceof InvalidModelException
                            || ex instanceof IllegalArgumentException
                            || ex instanceof java.io.IOException
                            || ex instanceof ai.djl.engine.EngineException) {
                        commandLine.getErr().println("error: " + ex.getMessage());
                        return 2;
                    }
                    throw ex;
                });
        return cli;
    }
}
