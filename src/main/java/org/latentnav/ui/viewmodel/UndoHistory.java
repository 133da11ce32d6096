package org.latentnav.ui.viewmodel;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo and redo stacks of states. The caller records the state before each change; undo returns the
 * state to restore and keeps the current one for redo.
 *
 * @param <S> the state type
 */
final class UndoHistory<S> {
    private final int limit;
    private final Deque<S> undo = new ArrayDeque<>();
    private final Deque<S> redo = new ArrayDeque<>();

    /** Creates stacks that keep at most {@code limit} states each, dropping the oldest. */
    UndoHistory(int limit) {
        this.limit = limit;
    }

    /** Records the state before a change; a new change clears the redo stack. */
    void record(S before) {
        undo.push(before);
        if (undo.size() > limit) {
            undo.removeLast();
        }
        redo.clear();
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Returns the state to restore, and keeps {@code current} for redo. */
    S undo(S current) {
        S previous = undo.pop();
        redo.push(current);
        return previous;
    }

    /** Returns the state to restore, and keeps {@code current} for undo. */
    S redo(S current) {
        S next = redo.pop();
        undo.push(current);
        return next;
    }

    void clear() {
        undo.clear();
        redo.clear();
    }
}
