package org.latentnav.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void exponentialQuartersEachEpoch() {
        LearningRateSchedule s = LearningRateSchedule.exponential(1e-3, 0.25);
        assertEquals(1e-3, s.rate(0), 1e-15);
        assertEquals(2.5e-4, s.rate(1), 1e-15);
        assertEquals(6.25e-5, s.rate(2), 1e-15);
    }

    @Test
    void stepDropsTenfoldAtEpochFive() {
        LearningRateSchedule s = LearningRateSchedule.step(1e-4, 0.1, 5);
        assertEquals(1e-4, s.rate(0), 1e-15);
        assertEquals(1e-4, s.rate(4), 1e-15);
        assertEquals(1e-5, s.rate(5), 1e-15);
        assertEquals(1e-5, s.rate(9), 1e-15);
        assertEquals(1e-6, s.rate(10), 1e-15);
    }

    @Test
    void constantNeverChanges() {
        LearningRateSchedule s = LearningRateSchedule.constant(1e-4);
        assertEquals(1e-4, s.rate(0));
        assertEquals(1e-4, s.rate(9));
    }

    @Test
    void invalidRateIsRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0, 0.25));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(1e-4, 0.1, 0));
    }
}
