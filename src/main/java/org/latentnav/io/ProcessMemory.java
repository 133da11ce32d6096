package org.latentnav.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resident set size (Linux only; -1 elsewhere). */
public final class ProcessMemory {
    private ProcessMemory() {}

    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
