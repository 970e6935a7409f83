package io.github.braintumor.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one place for writing files and folders whole or not at all (JDK only, usable by every package).
 * A file's content goes to a temporary file in the target's folder, which is then moved over the target with
 * {@code ATOMIC_MOVE} (plain replace where the file system cannot move atomically); a folder is written under a
 * sibling temporary name and published with {@link #publishDirectory}. Missing parent folders are created.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("out/split.csv"), "patient,hospital,part\n");
 * AtomicFiles.write(Path.of("out/x.bin"), out -> out.write(bytes));
 * AtomicFiles.writeViaTemporary(Path.of("out/mask.tif"), tmp -> Files.write(tmp, bytes));
 * Path staged = AtomicFiles.newSiblingTempDir(bundle);   // fill it, then
 * AtomicFiles.publishDirectory(staged, bundle);
 * String sha = AtomicFiles.sha256(bundle.resolve("model.json"));
 * }</pre>
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a file by name (for libraries that only take a path, e.g. ImageJ's FileSaver). */
    @FunctionalInterface
    public interface PathWriter {
        /** @param temporary where to write; it does not exist yet */
        void writeTo(Path temporary) throws IOException;
    }

    /** Longest target name kept whole in {@link #sibling} names (bytes); longer ones are shortened. */
    private static final int MAX_KEPT_NAME = 120;

    private AtomicFiles() {}

    /** Writes {@code target} atomically; on failure the old file (if any) stays and no temporary is left. */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes owner-only files, and outputs should keep the usual permissions.
        Path tmp = sibling(absolute, "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out =
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(out);
            }
            move(tmp, absolute, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Lets {@code writer} write a temporary file (same folder and ending as {@code target}, not yet existing), then
     * moves it over {@code target} atomically. A writer that fails, or writes nothing, leaves the old file.
     */
    public static void writeViaTemporary(Path target, PathWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ending = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        Path tmp = sibling(absolute, "." + UUID.randomUUID() + ".tmp" + ending); // libraries may check the ending
        try {
            writer.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("nothing was written for " + absolute);
            }
            move(tmp, absolute, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Writes bytes to {@code target} atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Writes text as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a fresh, empty directory next to {@code target} (same file system, so a rename can publish it) */
    public static Path newSiblingTempDir(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        return Files.createDirectory(sibling(abs, ".tmp-" + UUID.randomUUID()));
    }

    /**
     * A hidden name beside {@code target} for this program's own use (temporary, lock, staging): {@code .<name><suffix>}
     * where a long name is shortened to a prefix and a hash, so the result stays well below the file systems' 255-byte
     * limit however long the target's name is.
     */
    static Path sibling(Path target, String suffix) {
        Path abs = target.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_KEPT_NAME) {
            name = name.substring(0, Math.min(name.length(), MAX_KEPT_NAME / 4)) + "~"
                    + Integer.toHexString(name.hashCode());
        }
        return abs.resolveSibling("." + name + suffix);
    }

    /**
     * Publishes a completely written directory {@code staged} as {@code target}, replacing an older one. The old
     * directory is first renamed aside, so a reader sees either the old complete folder, briefly nothing, or the
     * new complete folder, never a half-written one.
     */
    public static void publishDirectory(Path staged, Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path old = null;
        if (Files.exists(abs)) {
            old = sibling(abs, ".old-" + UUID.randomUUID());
            move(abs, old, false);
        }
        try {
            move(staged, abs, false);
        } catch (IOException e) {
            if (old != null) {
                move(old, abs, false); // put the previous folder back
            }
            throw e;
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    /**
     * Removes what a killed writer of {@code target} left beside it: the hidden temporary and set-aside folders of
     * {@link #newSiblingTempDir} and {@link #publishDirectory} (names of exactly that pattern). Call it only while
     * holding the target's {@link OutputLock}, so no live writer's folder is taken.
     *
     * @return how many were removed
     */
    public static int removeLeftovers(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        String prefix = sibling(abs, "").getFileName().toString();
        Pattern leftover = Pattern.compile(Pattern.quote(prefix) + "\\.(tmp|old)-[0-9a-f-]{36}");
        int removed = 0;
        if (!Files.isDirectory(abs.getParent())) return 0;
        try (Stream<Path> s = Files.list(abs.getParent())) {
            for (Path p : s.filter(
                            p -> leftover.matcher(p.getFileName().toString()).matches())
                    .toList()) {
                deleteRecursively(p);
                removed++;
            }
        }
        return removed;
    }

    /** Deletes a file or directory tree; a missing path (or {@code null}) is fine. */
    public static void deleteRecursively(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** @return lower-case hex SHA-256 of the file's bytes (checks what was written, e.g. bundle weights) */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Moves a file over {@code to} (atomically where the file system can), replacing a file there. */
    static void moveReplacing(Path from, Path to) throws IOException {
        move(from, to, true);
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }
}
