package org.latentnav;

import org.latentnav.cli.LatentNavCommand;

/** Entry point: a sub-command runs the command line; no arguments opens the editor. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            args = new String[] {"--help"};
        }
        System.exit(LatentNavCommand.commandLine().execute(args));
    }
}
