package org.latentnav.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;

/**
 * Back and forward navigation over visited latents, like a browser: visiting a new latent drops the
 * forward part.
 */
final class LatentHistory {
    private final int limit;
    private final List<Latent> visited = new ArrayList<>();
    private int position = -1;

    LatentHistory(int limit) {
        this.limit = limit;
    }

    void visit(Latent latent) {
        if (position >= 0 && visited.get(position).equals(latent)) {
            return;
        }
        visited.subList(position + 1, visited.size()).clear();
        visited.add(latent);
        if (visited.size() > limit) {
            visited.remove(0);
        }
        position = visited.size() - 1;
    }

    boolean canGoBack() {
        return position > 0;
    }

    boolean canGoForward() {
        return position < visited.size() - 1;
    }

    Latent back() {
        return visited.get(--position);
    }

    Latent forward() {
        return visited.get(++position);
    }

    /** Replaces the current entry, for example when the latent is redrawn at a new size. */
    void replaceCurrent(Latent latent) {
        if (position >= 0) {
            visited.set(position, latent);
        } else {
            visit(latent);
        }
    }
}
