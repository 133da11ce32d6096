package org.latentnav.engine;

import com.sun.jna.Function;
import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes glibc's allocator, which allocates libtorch's CPU tensors, so that freed tensor memory is
 * reused instead of being returned to the kernel.
 *
 * <p>By default glibc gives each allocation above its mmap threshold fresh pages, and trims freed
 * memory at the top of the heap. A training step allocates and frees hundreds of activations of 1
 * to 8 MB, so the kernel zeroes new pages for most of them. A bench run of 32 direction-training
 * steps at batch 16 had about a million page faults. With a 32 MiB mmap threshold (glibc's maximum
 * on 64-bit, see mallopt(3)), a 64 MiB top pad and no trimming below 2 GiB, the same run had a
 * third of those faults and less than half the system time.
 *
 * <p>The cost is that the process keeps its peak heap after a large job ends. The system property
 * {@code latentnav.malloc=default} keeps glibc's defaults, and so does an environment variable that
 * configures glibc's allocator itself.
 */
final class NativeAllocator {
    private static final Logger logger = LoggerFactory.getLogger(NativeAllocator.class);

    /**
     * System property that selects the settings: {@code latentnav} (the default) or {@code
     * default}.
     */
    static final String PROPERTY = "latentnav.malloc";

    /** One mallopt call: the parameter's name and number in glibc's malloc.h, and its value. */
    private record Setting(String name, int parameter, int value) {}

    private static final List<Setting> SETTINGS =
            List.of(
                    new Setting("M_MMAP_THRESHOLD", -3, 32 << 20),
                    new Setting("M_TOP_PAD", -2, 64 << 20),
                    new Setting("M_TRIM_THRESHOLD", -1, Integer.MAX_VALUE));

    private static final List<String> MALLOC_VARIABLES =
            List.of("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_");

    /** Result of {@link #tune}, with the label of the engine's start-up line. */
    enum Outcome {
        APPLIED("LatentNav's"),
        PARTLY_APPLIED("partly LatentNav's"),
        KEPT_DEFAULTS("glibc's default");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private NativeAllocator() {}

    /**
     * Applies the settings, which should happen before the engine allocates. Keeps glibc's defaults
     * on other systems, with {@code -Dlatentnav.malloc=default}, when the environment configures
     * glibc's allocator, or when mallopt is missing.
     *
     * @throws IllegalArgumentException if the system property has a value other than {@code
     *     latentnav} or {@code default}
     */
    static Outcome tune() {
        String choice = System.getProperty(PROPERTY, "latentnav").trim().toLowerCase(Locale.ROOT);
        if (!choice.equals("latentnav") && !choice.equals("default")) {
            throw new IllegalArgumentException(
                    "Invalid -D"
                            + PROPERTY
                            + "="
                            + System.getProperty(PROPERTY)
                            + ": use 'latentnav' (tuned, the default) or 'default' (glibc's"
                            + " settings).");
        }

        if (choice.equals("default") || !Platform.isLinux()) {
            return Outcome.KEPT_DEFAULTS;
        }

        String variable = allocatorVariable();
        if (variable != null) {
            logger.info("Keeping glibc's allocator settings because {} is set", variable);
            return Outcome.KEPT_DEFAULTS;
        }

        Function mallopt;
        try {
            mallopt = Function.getFunction("c", "mallopt");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // Another C library (musl, for one) has no mallopt, so its defaults stay.
            logger.debug("mallopt is not available: {}", e.toString());
            return Outcome.KEPT_DEFAULTS;
        }

        List<String> rejected = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            // mallopt returns 1 on success and 0 on a rejected value.
            if (mallopt.invokeInt(new Object[] {setting.parameter(), setting.value()}) != 1) {
                rejected.add(setting.name() + "=" + setting.value());
            }
        }

        if (rejected.isEmpty()) {
            return Outcome.APPLIED;
        }
        logger.warn(
                "glibc rejected allocator settings {}, so tensor allocation may be slower. Run with"
                        + " -D{}=default to keep all of glibc's defaults.",
                rejected,
                PROPERTY);
        return rejected.size() == SETTINGS.size() ? Outcome.KEPT_DEFAULTS : Outcome.PARTLY_APPLIED;
    }

    /**
     * Returns the first environment variable that sets one of glibc's allocator parameters, or
     * null. Empty variables and glibc tunables of other subsystems do not count.
     */
    static String allocatorVariable() {
        for (String name : MALLOC_VARIABLES) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return name;
            }
        }
        String tunables = System.getenv("GLIBC_TUNABLES");
        if (tunables != null && tunables.contains("glibc.malloc.")) {
            return "GLIBC_TUNABLES";
        }
        return null;
    }
}
