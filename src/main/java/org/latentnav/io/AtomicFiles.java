package org.latentnav.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old file or the complete new one: the bytes go to a
 * temporary file in the same folder, are flushed to disk, and the file is renamed over the target.
 * If writing fails the temporary file is removed and the old file is left unchanged.
 */
public final class AtomicFiles {
    /** Names of {@link #write}'s temporary files: a dot, the target's name, digits, ".tmp". */
    private static final java.util.regex.Pattern TEMPORARY_NAME =
            java.util.regex.Pattern.compile("\\..+\\.\\d+\\.tmp");

    private AtomicFiles() {}

    /** Writer of a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Returns a plain-words reason for a file-system failure that came without one. */
    private static String plainReason(java.nio.file.FileSystemException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way of a folder";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return "file system error";
    }

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new IOException("Cannot write " + target + ": it is a folder. Give a file name.");
        }
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (java.nio.file.FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason() : plainReason(e);
            throw new IOException(
                    "Cannot write "
                            + target
                            + " ("
                            + reason
                            + " on "
                            + e.getFile()
                            + "). Choose a folder you can write to.",
                    e);
        }
        try {
            setPermissions(tmp, target);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                OutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
                content.writeTo(buffered);
                buffered.flush();
                channel.force(true);
            }
            rename(tmp, target);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(
                    "Cannot write "
                            + target
                            + ": "
                            + deepestMessage(e)
                            + ". The previous file, if any, is unchanged; check the free space and"
                            + " permissions of that folder.",
                    e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Returns the message of the innermost cause that has one, since writers such as ImageIO wrap
     * the operating system's reason ("No space left on device") in a generic message.
     */
    public static String deepestMessage(Throwable e) {
        String message = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.FileSystemException f) {
                // Its message is only the paths involved; the reason is separate or missing.
                message = f.getReason() != null ? f.getReason() : plainReason(f);
            } else if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /**
     * Gives the temporary file the target's permissions, or rw-r--r-- for a new file, since
     * createTempFile makes files readable by their owner only.
     */
    private static void setPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions =
                Files.exists(target)
                        ? Files.getPosixFilePermissions(target)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Deletes the temporary files that writes into {@code dir} left when their process was killed
     * before the rename, and returns how many. Call it only where no other process writes into the
     * folder at the same time, since it cannot tell a live write's file from a dead one's.
     */
    public static int removeStaleTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)
                        && TEMPORARY_NAME.matcher(file.getFileName().toString()).matches()) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Renames {@code source} over {@code target} in one step where the file system allows. */
    public static void rename(Path source, Path target) throws IOException {
        try {
            Files.move(
                    source,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
