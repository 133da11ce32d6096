package org.latentnav.ui.service;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.ModelRole;
import org.latentnav.train.DirectionRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds model folders by reading only their {@code model.json} cards, so scanning is cheap and
 * loads no weights. Each root's sub-folders are model folders; in a root of training runs, each
 * run's {@code directions/} sub-folder is.
 */
public final class ModelCatalog {
    private static final Logger logger = LoggerFactory.getLogger(ModelCatalog.class);

    /**
     * A folder to scan.
     *
     * @param dir the folder; a missing folder is skipped
     * @param source the label of entries found here
     * @param runs true if the sub-folders are training runs with a {@code directions/} result
     */
    public record Root(Path dir, String source, boolean runs) {}

    /** The outcome of one scan: the valid entries and one message per unreadable card. */
    public record Scan(List<ModelEntry> entries, List<String> problems) {
        /** Returns the entries of one role in scan order. */
        public List<ModelEntry> byRole(ModelRole role) {
            return entries.stream().filter(e -> e.role() == role).collect(Collectors.toList());
        }
    }

    private final List<Root> roots;

    public ModelCatalog(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    public List<Root> roots() {
        return roots;
    }

    /** Reads every card under the roots. Sub-folders are listed in name order. */
    public Scan scan() {
        List<ModelEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Root root : roots) {
            if (!Files.isDirectory(root.dir())) {
                continue;
            }
            for (Path child : children(root.dir(), problems)) {
                Path dir = root.runs() ? child.resolve(DirectionRun.DIRECTIONS_DIR) : child;
                if (!Files.isRegularFile(dir.resolve(ModelFolder.CARD_FILE))) {
                    continue;
                }
                try {
                    ModelCard card = ModelFolder.readCard(dir);
                    entries.add(new ModelEntry(dir, card, root.source()));
                } catch (InvalidModelException e) {
                    logger.warn("Skipping model folder {}: {}", dir, e.getMessage());
                    problems.add(e.getMessage());
                }
            }
        }
        logger.debug("Catalog scan found {} model folders", entries.size());
        return new Scan(List.copyOf(entries), List.copyOf(problems));
    }

    private static List<Path> children(Path dir, List<String> problems) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Files::isDirectory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            logger.warn("Cannot list model folder {}: {}", dir, e.toString());
            problems.add("Cannot list " + dir + ": " + e.getMessage());
        }
        children.sort(null);
        return children;
    }
}
