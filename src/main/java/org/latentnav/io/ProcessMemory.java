package org.latentnav.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resident set size (Linux only; -1 elsewhere). */
public final class ProcessMemory {
    private ProcessMemory() {}

    public static long rssBytes() {
        return statusField("VmRSS:");
    }

    /** Returns the peak resident set size (VmHWM) in bytes, or -1 where unknown. */
    public static long peakBytes() {
        return statusField("VmHWM:");
    }

    private static long statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    String kb = line.substring(field.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
