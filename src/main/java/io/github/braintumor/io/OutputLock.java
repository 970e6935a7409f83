package io.github.braintumor.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A lock on one output (a folder, a model bundle, a file) held by one run, so that two runs never write the same
 * output at once: a file beside the output naming the owner (PID, host, the process's start time, the command).
 * Another live run holding it is a one-line refusal; a lock whose owner is gone (killed, crashed) is taken over.
 *
 * <pre>{@code
 * try (OutputLock lock = OutputLock.acquire(Path.of("out"), "segment")) {
 *     ... write out/ ...
 * } // released; a kill leaves the file, and the next run takes it over because the PID is gone
 * }</pre>
 */
public final class OutputLock implements AutoCloseable {
    private static final String SUFFIX = ".brain-tumor-lock";

    private final Path file;
    private final String content;
    private boolean released;

    private OutputLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /**
     * Takes the lock on {@code target} for {@code command}.
     *
     * @throws OutputRefusedException when another live run holds it (nothing was changed)
     */
    public static OutputLock acquire(Path target, String command) throws OutputRefusedException, IOException {
        Path file = lockFile(target);
        Files.createDirectories(file.getParent());
        String content = owner(command);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (create(file, content)) return new OutputLock(file, content);
            String holder;
            try {
                holder = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                continue; // released meanwhile
            }
            if (isLive(holder, file)) {
                throw new OutputRefusedException(target + " is being written by another brain-tumor run ("
                        + describe(holder) + "): wait for it to finish or choose another output; if no such run"
                        + " exists, delete " + file);
            }
            Files.deleteIfExists(file); // its owner is gone: take it over
        }
        throw new OutputRefusedException("could not lock " + target + " (" + file + " keeps coming back): another"
                + " run is starting on it; try again");
    }

    /** @return the lock file of {@code target}: beside it, so that the target itself can be replaced whole */
    static Path lockFile(Path target) {
        return AtomicFiles.sibling(target, SUFFIX);
    }

    /** @return whether {@code target} is locked by a live run now (for tests and messages) */
    public static boolean isLocked(Path target) {
        Path file = lockFile(target);
        try {
            return isLive(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            return false;
        }
    }

    /** Releases the lock (once; a lock taken over by another run meanwhile is left to it). */
    @Override
    public void close() {
        if (released) return;
        released = true;
        try {
            if (content.equals(Files.readString(file, StandardCharsets.UTF_8))) Files.delete(file);
        } catch (IOException ignored) {
            // gone already: nothing to release
        }
    }

    /** Creates the lock file with its content in one step: a hard link of a written temporary cannot half-exist. */
    private static boolean create(Path file, String content) throws IOException {
        Path tmp = AtomicFiles.sibling(file, "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            // file systems without hard links: exclusive creation (a reader may briefly see it empty)
            try {
                Files.writeString(
                        file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException again) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String owner(String command) {
        ProcessHandle me = ProcessHandle.current();
        return "pid " + me.pid() + "\nhost " + host() + "\nstarted "
                + startOf(me).map(Instant::toString).orElse("?") + "\ncommand " + command + "\nsince " + Instant.now()
                + "\n";
    }

    /**
     * Whether the run named in a lock is alive: on this host, its PID runs and started when the lock says (a PID
     * reused by another process does not count); a lock from another host is taken as live (it cannot be checked);
     * an empty lock is live while young (its writer may be between creating and writing it).
     */
    private static boolean isLive(String holder, Path file) {
        String pid = field(holder, "pid");
        if (pid == null) {
            try {
                return Files.getLastModifiedTime(file)
                        .toInstant()
                        .isAfter(Instant.now().minusSeconds(10));
            } catch (IOException e) {
                return false;
            }
        }
        if (!host().equals(field(holder, "host"))) return true;
        Optional<ProcessHandle> p;
        try {
            p = ProcessHandle.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return false;
        }
        if (p.isEmpty() || !p.get().isAlive()) return false;
        String started = field(holder, "started");
        return started == null
                || started.equals("?")
                || startOf(p.get()).map(Instant::toString).map(started::equals).orElse(true);
    }

    private static Optional<Instant> startOf(ProcessHandle p) {
        return p.info().startInstant();
    }

    private static String describe(String holder) {
        return "'" + field(holder, "command") + "', pid " + field(holder, "pid") + " on " + field(holder, "host")
                + " since " + field(holder, "since");
    }

    private static String field(String holder, String key) {
        for (String line : List.of(holder.split("\n"))) {
            if (line.startsWith(key + " "))
                return line.substring(key.length() + 1).trim();
        }
        return null;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
