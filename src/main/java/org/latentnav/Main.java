package org.latentnav;

import org.latentnav.cli.LatentNavCommand;
import org.latentnav.ui.EditorApp;

/** Entry point: a sub-command runs the command line; no arguments opens the editor. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            EditorApp.launchEditor();
            // The PyTorch engine may leave non-daemon threads behind; the window is closed.
            System.exit(0);
        }
        System.exit(LatentNavCommand.commandLine().execute(args));
    }
}
