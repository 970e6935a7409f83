package io.github.braintumor.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one way a command writes an output folder (CLI, Fiji and Spark alike), so that nothing is lost when a run is
 * interrupted, repeated or run twice at once.
 *
 * <ol>
 * <li>{@link Builder#begin()} checks the folder ({@link OutputPaths#checkFolder(Path, String, boolean, Path...)}),
 * locks it ({@link OutputLock}: a second run is refused in one line), and creates an empty staging folder beside it.
 * Existing files the program did not write (or that changed since it wrote them) whose paths the command may write
 * ({@link Builder#optMayWrite}) are refused here, before any work.</li>
 * <li>The command writes everything into {@link #staging()}, with the layout it wants in the folder.</li>
 * <li>{@link #commit()} moves the staged files in, file by file; only then removes the files the earlier run
 * recorded that the new one did not replace; and records the new files (path, size, modification time) in the
 * folder's marker. Files the program did not write are never replaced or removed, at any depth.</li>
 * <li>{@link #close()} without a commit removes the staging folder: the earlier output stays exactly as it was.</li>
 * </ol>
 * A run killed at any point leaves the earlier output, or (killed during the commit) every file recorded as the
 * program's, so the next run can finish the replacement; its lock and staging folder are taken over and removed by
 * the next run.
 *
 * <pre>{@code
 * try (OutputTransaction tx = OutputTransaction.builder()
 *         .setFolder(Path.of("out")).setCommand("segment").optOverwrite(true).optInputs(input).begin()) {
 *     Files.writeString(tx.staging().resolve("segmentation.csv"), "patient,slice\n");
 *     tx.commit();
 * }
 * }</pre>
 */
public final class OutputTransaction implements AutoCloseable {
    private static final String STAGING = ".brain-tumor-staging";
    /** A marker line recording one file: {@code file <size> <modified millis> <relative path>}. */
    private static final String FILE = "file ";
    /** A marker line of earlier versions: a whole top-level entry was written by the program. */
    private static final String LEGACY = "written: ";

    private final Path folder;
    private final String command;
    private final OutputLock lock;
    private final Path staging;
    private final boolean replacesEarlier;
    private volatile boolean committing;
    private boolean committed;
    private boolean closed;
    /** Removes the staging folder and the lock when the JVM is stopped (kill, Ctrl-C) before a commit began. */
    private final Thread onExit;

    private OutputTransaction(Path folder, String command, OutputLock lock, Path staging, boolean replacesEarlier) {
        this.folder = folder;
        this.command = command;
        this.lock = lock;
        this.staging = staging;
        this.replacesEarlier = replacesEarlier;
        this.onExit = new Thread(
                () -> {
                    if (committing)
                        return; // a commit that has begun leaves every file recorded; the next run finishes it
                    try {
                        AtomicFiles.deleteRecursively(staging);
                    } catch (IOException | RuntimeException ignored) {
                        // the next run removes it
                    }
                    lock.close();
                },
                "brain-tumor output cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** @return a builder of a transaction on one output folder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the folder the outputs go to once committed */
    public Path folder() {
        return folder;
    }

    /** @return the staging folder: write the new outputs here, laid out as they should appear in {@link #folder()} */
    public Path staging() {
        return staging;
    }

    /** @return where {@code staged} (a path in {@link #staging()}) is once committed; null stays null */
    public Path published(Path staged) {
        return staged == null
                ? null
                : folder.resolve(staging.relativize(staged.toAbsolutePath().normalize()));
    }

    /** @return whether the folder holds an earlier output of the command, which a commit replaces */
    public boolean replacesEarlier() {
        return replacesEarlier;
    }

    /**
     * Publishes the staged files and removes what the earlier run recorded and this one did not replace.
     *
     * @return the relative paths of the files published
     * @throws OutputRefusedException when a staged file would replace a file the program did not write (appeared
     *     during the run); nothing was published then
     */
    public List<String> commit() throws IOException {
        if (committed || closed) throw new IllegalStateException("transaction on " + folder + " already ended");
        committing = true;
        Map<String, Stamp> staged = files(staging);
        Record earlier = Record.read(folder, command);
        List<String> collisions = new ArrayList<>();
        for (String rel : staged.keySet()) {
            if (isForeign(folder.resolve(rel), earlier)) collisions.add(rel);
        }
        if (!collisions.isEmpty()) {
            committing = false;
            throw collision(folder, collisions);
        }
        Files.createDirectories(folder); // Record.write below writes the marker naming the command
        // journal first: a kill while moving leaves every file recorded as ours, so the next run can replace them
        Map<String, Stamp> union = new TreeMap<>(earlier.files);
        union.putAll(staged);
        Record.write(folder, command, union, earlier.legacy);
        for (String rel : staged.keySet()) {
            Path target = folder.resolve(rel);
            Path parent = target.getParent();
            if (Files.isRegularFile(parent) && earlier.isOurs(folder, parent)) Files.delete(parent);
            Files.createDirectories(parent);
            if (Files.isDirectory(target) && earlier.isOurs(folder, target)) AtomicFiles.deleteRecursively(target);
            AtomicFiles.moveReplacing(staging.resolve(rel), target);
        }
        removeEarlier(earlier, staged);
        Record.write(folder, command, staged, List.of());
        committed = true;
        AtomicFiles.deleteRecursively(staging);
        return List.copyOf(staged.keySet());
    }

    /** Ends the transaction: without a commit the staging folder is removed and the folder left as it was. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: it does the same
        }
        try {
            AtomicFiles.deleteRecursively(staging);
        } finally {
            lock.close();
        }
    }

    /** Removes the earlier run's files that the new one did not replace, then the folders they leave empty. */
    private void removeEarlier(Record earlier, Map<String, Stamp> kept) throws IOException {
        List<Path> parents = new ArrayList<>();
        for (String rel : earlier.files.keySet()) {
            if (kept.containsKey(rel)) continue;
            Path file = folder.resolve(rel);
            if (earlier.isOurs(folder, file)) {
                Files.deleteIfExists(file);
                parents.add(file.getParent());
            }
        }
        for (String name : earlier.legacy) {
            Path entry = folder.resolve(name);
            if (!kept.containsKey(name) && kept.keySet().stream().noneMatch(k -> k.startsWith(name + "/"))) {
                AtomicFiles.deleteRecursively(entry);
            }
        }
        // deepest first, never the folder itself, only empty ones
        parents.sort((a, b) -> b.getNameCount() - a.getNameCount());
        for (Path dir : parents) {
            for (Path d = dir; d != null && d.startsWith(folder) && !d.equals(folder); d = d.getParent()) {
                if (!isEmptyDirectory(d)) break;
                Files.delete(d);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Whether writing {@code target} would replace or remove something the program did not write. */
    private static boolean isForeign(Path target, Record earlier) {
        Path base = earlier.folder;
        for (Path p = target; p != null && !p.equals(base); p = p.getParent()) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            boolean isDirectory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            if (isDirectory && !p.equals(target)) continue; // an existing folder on the way is fine
            if (isDirectory) {
                // a folder where a file goes: replaceable only if everything in it is ours
                try (Stream<Path> s = Files.walk(p)) {
                    return s.filter(Files::isRegularFile).anyMatch(f -> !earlier.isOurs(base, f));
                } catch (IOException e) {
                    return true;
                }
            }
            return !earlier.isOurs(base, p); // a file (or link) at the path, or where one of its folders goes
        }
        return false;
    }

    private static OutputRefusedException collision(Path folder, List<String> paths) {
        List<String> shown = paths.subList(0, Math.min(3, paths.size()));
        return new OutputRefusedException("output folder " + folder + " holds " + paths.size() + " file(s) this"
                + " program did not write (or that changed since) where the new output goes ("
                + String.join(", ", shown)
                + (paths.size() > 3 ? ", ..." : "") + "): move them away or choose a new folder; nothing was changed");
    }

    /** Regular files under {@code dir}, by relative path with '/' separators. */
    private static Map<String, Stamp> files(Path dir) throws IOException {
        Map<String, Stamp> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) return files;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) files.put(relative(dir, file), Stamp.of(attrs));
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace(File.separatorChar, '/');
    }

    /** Size and modification time of a file as written, to tell it from a file changed or replaced since. */
    record Stamp(long size, long modifiedMillis) {
        static Stamp of(BasicFileAttributes a) {
            return new Stamp(a.size(), a.lastModifiedTime().toMillis());
        }

        static Stamp of(Path file) throws IOException {
            return of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** What the marker of an output folder says the program wrote there. */
    static final class Record {
        final Path folder;
        final Map<String, Stamp> files;
        /** Top-level entries recorded whole by earlier versions (every file below counts as written). */
        final List<String> legacy;

        private Record(Path folder, Map<String, Stamp> files, List<String> legacy) {
            this.folder = folder;
            this.files = files;
            this.legacy = legacy;
        }

        /** @return the record of {@code command} in {@code folder} (empty when the folder is not its output) */
        static Record read(Path folder, String command) throws IOException {
            Map<String, Stamp> files = new TreeMap<>();
            List<String> legacy = new ArrayList<>();
            Path marker = folder.resolve(OutputPaths.MARKER);
            if (command.equals(OutputPaths.owner(folder))) {
                for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                    if (line.startsWith(FILE)) {
                        String[] f = line.substring(FILE.length()).split(" ", 3);
                        if (f.length == 3 && inside(folder, f[2])) {
                            try {
                                files.put(f[2], new Stamp(Long.parseLong(f[0]), Long.parseLong(f[1])));
                            } catch (NumberFormatException ignored) {
                                // a hand-edited line names nothing
                            }
                        }
                    } else if (line.startsWith(LEGACY)) {
                        String name = line.substring(LEGACY.length());
                        if (!name.isEmpty() && !name.contains("/") && inside(folder, name)) legacy.add(name);
                    }
                }
            }
            return new Record(folder, files, legacy);
        }

        static void write(Path folder, String command, Map<String, Stamp> files, List<String> legacy)
                throws IOException {
            StringBuilder text = new StringBuilder(command)
                    .append('\n')
                    .append("Written by brain-tumor ")
                    .append(command)
                    .append(": the files listed below are the program's; a later run may replace them. Delete this"
                            + " file to protect the folder.\n");
            for (String name : legacy) text.append(LEGACY).append(name).append('\n');
            files.forEach((rel, s) -> text.append(FILE)
                    .append(s.size())
                    .append(' ')
                    .append(s.modifiedMillis())
                    .append(' ')
                    .append(rel)
                    .append('\n'));
            AtomicFiles.writeString(folder.resolve(OutputPaths.MARKER), text.toString());
        }

        boolean isEmpty() {
            return files.isEmpty() && legacy.isEmpty();
        }

        /** Whether {@code path} (inside the folder) is a file this program wrote and nobody changed since. */
        boolean isOurs(Path base, Path path) {
            String rel = relative(base, path);
            if (!legacy.isEmpty() && legacy.contains(rel.split("/", 2)[0])) return true;
            Stamp recorded = files.get(rel);
            if (recorded == null) return false;
            try {
                return recorded.equals(Stamp.of(path));
            } catch (IOException e) {
                return false;
            }
        }

        /** A recorded name must stay inside the folder: a hand-edited marker cannot point elsewhere. */
        private static boolean inside(Path folder, String rel) {
            if (rel.isEmpty() || rel.equals(OutputPaths.MARKER) || rel.startsWith("/")) return false;
            Path p = folder.resolve(rel).normalize();
            return p.startsWith(folder.normalize()) && !p.equals(folder.normalize());
        }
    }

    /** Settings of a transaction; {@link #begin()} checks and locks. */
    public static final class Builder {
        private Path folder;
        private String command;
        private boolean overwrite;
        private Path[] inputs = new Path[0];
        private Predicate<String> mayWrite = rel -> false;

        private Builder() {}

        /** @param folder the output folder (created by the commit when absent) */
        public Builder setFolder(Path folder) {
            this.folder = folder;
            return this;
        }

        /** @param command the command's name, written in the marker (a folder of another command is refused) */
        public Builder setCommand(String command) {
            this.command = command;
            return this;
        }

        /** @param overwrite whether an earlier output of the command may be replaced (else it is refused) */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** @param inputs the command's inputs (nulls skipped): the folder must stay clear of them */
        public Builder optInputs(Path... inputs) {
            this.inputs = inputs.clone();
            return this;
        }

        /**
         * @param mayWrite which relative paths ('/'-separated) the run may write: an existing file there that the
         *     program did not write is refused at {@link #begin()}, before any work (the commit checks again)
         */
        public Builder optMayWrite(Predicate<String> mayWrite) {
            this.mayWrite = mayWrite;
            return this;
        }

        /**
         * Checks the folder, takes its lock and creates the staging folder.
         *
         * @throws OutputRefusedException when the folder may not be used or another run holds it; nothing was
         *     changed then
         */
        public OutputTransaction begin() throws IOException {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(command, "command");
            OutputPaths.checkFolder(folder, command, overwrite, inputs);
            Path real = OutputPaths.real(folder);
            OutputLock lock = OutputLock.acquire(real, command);
            try {
                Record earlier = Record.read(real, command);
                if (Files.isDirectory(real)) {
                    List<String> foreign = new ArrayList<>();
                    for (String rel : files(real).keySet()) {
                        if (!rel.equals(OutputPaths.MARKER)
                                && mayWrite.test(rel)
                                && !earlier.isOurs(real, real.resolve(rel))) {
                            foreign.add(rel);
                        }
                    }
                    if (!foreign.isEmpty()) throw collision(folder, foreign);
                }
                Path staging = AtomicFiles.sibling(real, STAGING);
                AtomicFiles.deleteRecursively(staging); // left by a run that was killed (we hold the lock)
                Files.createDirectories(staging);
                return new OutputTransaction(real, command, lock, staging, !earlier.isEmpty());
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        }
    }
}
