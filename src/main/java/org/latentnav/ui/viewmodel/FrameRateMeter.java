package org.latentnav.ui.viewmodel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/** Counts frames over the last second of a nanosecond clock. */
final class FrameRateMeter {
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final LongSupplier clock;
    private final Deque<Long> frames = new ArrayDeque<>();

    FrameRateMeter(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records a frame and returns the frames shown in the last second. */
    double tick() {
        long now = clock.getAsLong();
        frames.addLast(now);
        return rate(now);
    }

    /** Returns the frames shown in the last second, without recording one. */
    double rate() {
        return rate(clock.getAsLong());
    }

    private double rate(long now) {
        while (!frames.isEmpty() && now - frames.peekFirst() > WINDOW_NANOS) {
            frames.removeFirst();
        }
        return frames.size();
    }
}
