package org.latentnav;

import org.latentnav.cli.LatentNavCommand;
import org.latentnav.ui.EditorApp;

/** Entry point: a sub-command runs the command line; no arguments opens the editor. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            try {
                EditorApp.launchEditor();
            } catch (UnsupportedOperationException e) {
                // JavaFX raises this when it finds no display or cannot load its GTK 3 library.
                System.err.println(
                        "error: cannot open the editor window: "
                                + e.getMessage()
                                + ". The editor needs a display (or xvfb-run) and GTK 3"
                                + " (Debian and Ubuntu: apt-get install libgtk-3-0); the command"
                                + " line works without them: java -jar latentnav.jar --help");
                System.exit(2);
            }
            // The PyTorch engine may leave non-daemon threads behind; the window is closed.
            System.exit(0);
        }
        System.exit(LatentNavCommand.commandLine().execute(args));
    }
}
