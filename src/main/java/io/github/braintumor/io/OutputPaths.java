package io.github.braintumor.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The one rule for where a command may write (JDK only; used by the CLI, the Fiji facades and the evaluation): an
 * output may replace or write into only what is recognisably ours, and is checked before any work starts.
 *
 * <ul>
 * <li>An output <b>folder</b> ({@link #checkFolder}) must be absent, empty, or carry the marker file
 * {@value #MARKER} naming the same command; {@link #claimFolder} creates it and writes the marker.</li>
 * <li>A model <b>bundle</b> or checkpoint ({@link #checkBundle}), which training replaces whole, must be absent,
 * empty, or hold a {@value #MODEL_JSON} written by this program.</li>
 * <li>An output <b>file</b> ({@link #checkFile}) must not be a folder, and an existing one must be a CSV.</li>
 * </ul>
 * Every output is refused when it is the current folder or the home folder (or holds them), when it is, holds or
 * lies inside one of the command's inputs (the data set stays untouched), and when it cannot be written.
 *
 * Commands write their folders through an {@link OutputTransaction}, which checks with this class first.
 *
 * <pre>{@code
 * OutputPaths.checkFolder(out, "segment", overwrite, input);   // before reading anything
 * OutputPaths.checkFile(Path.of("results.csv"), overwrite, data); // a table written by --csv
 * }</pre>
 */
public final class OutputPaths {
    /** Marker file a command writes into its output folder; its first line is the command's name. */
    public static final String MARKER = ".brain-tumor-output";
    /** The description file of a model bundle (the same name as {@code model.ModelBundle.MODEL_JSON}). */
    public static final String MODEL_JSON = "model.json";

    private static final int SHOWN = 3;

    private OutputPaths() {}

    /**
     * Checks an output folder that {@code command} fills with its own files.
     *
     * @param inputs the command's inputs (files or folders; nulls are skipped) that the output must stay clear of
     * @throws OutputRefusedException when the folder may not be used; nothing has been changed then
     */
    public static void checkFolder(Path folder, String command, Path... inputs) throws OutputRefusedException {
        Path real = checkCommon(folder, "output folder", inputs);
        // a run stages its output (and keeps its lock) beside the folder, so the parent must be writable too
        if (real.getParent() != null) writable(folder, real.getParent(), "output folder");
        if (Files.isDirectory(real)) {
            List<String> entries = entries(real);
            if (entries.isEmpty()) return;
            String owner = owner(real);
            if (command.equals(owner)) return;
            if (owner != null) {
                throw new OutputRefusedException("output folder " + folder + " holds the output of '" + owner
                        + "', not of '" + command + "': choose a new or empty folder");
            }
            throw foreign(folder, "output folder", entries);
        }
    }

    /**
     * Checks an output folder of a command that records what it writes ({@link OutputTransaction}), so that an
     * earlier output is never mixed with a new one: a folder holding an earlier output of {@code command} is refused
     * unless {@code overwrite}, which then lets the transaction's commit replace exactly what that run recorded.
     * Everything else is as {@link #checkFolder(Path, String, Path...)}.
     *
     * @throws OutputRefusedException when the folder may not be used; nothing has been changed then
     */
    public static void checkFolder(Path folder, String command, boolean overwrite, Path... inputs)
            throws OutputRefusedException {
        checkFolder(folder, command, inputs);
        Path real = real(folder);
        if (!overwrite
                && Files.isDirectory(real)
                && command.equals(owner(real))
                && !entries(real).equals(List.of(MARKER))) {
            throw new OutputRefusedException("output folder " + folder + " holds an earlier '" + command + "' output:"
                    + " pass --overwrite (in Fiji: tick 'overwrite') to replace it, or choose a new folder; nothing was"
                    + " changed");
        }
    }

    /**
     * Checks a model bundle or checkpoint folder that will be written (and replaced whole) by training.
     *
     * @throws OutputRefusedException when the folder may not be used; nothing has been changed then
     */
    public static void checkBundle(Path bundle, Path... inputs) throws OutputRefusedException {
        Path real = checkCommon(bundle, "model folder", inputs);
        if (Files.isDirectory(real)) {
            List<String> entries = entries(real);
            if (entries.isEmpty() || isBundle(real)) return;
            throw foreign(bundle, "model folder", entries);
        }
        // Replacing a bundle renames it aside in its parent folder, so the parent must be writable too.
        writable(bundle, real.getParent(), "model folder");
    }

    /**
     * {@link #checkBundle(Path, Path...)} for a command that replaces a whole bundle (an import): a folder that
     * already holds a model is replaced only with {@code overwrite}.
     */
    public static void checkBundle(Path bundle, boolean overwrite, Path... inputs) throws OutputRefusedException {
        checkBundle(bundle, inputs);
        if (!overwrite && isBundle(real(bundle))) {
            throw new OutputRefusedException("model folder " + bundle + " holds a model: pass --overwrite (in Fiji:"
                    + " tick 'overwrite') to replace it, or choose a new folder; nothing was changed");
        }
    }

    /**
     * Checks an output file (a CSV table): not a folder, in a writable folder, not inside an input, and, when it
     * exists, a {@code .csv} file (another file of that name is the user's and is not replaced).
     */
    public static void checkFile(Path file, Path... inputs) throws OutputRefusedException {
        checkFile(file, ".csv", inputs);
    }

    /**
     * {@link #checkFile(Path, Path...)} for a table a command writes on request ({@code --csv FILE}): an existing
     * file is replaced only with {@code overwrite} (it may be the user's own table of that name).
     */
    public static void checkFile(Path file, boolean overwrite, Path... inputs) throws OutputRefusedException {
        checkFile(file, ".csv", inputs);
        if (!overwrite && Files.exists(real(file))) {
            throw new OutputRefusedException("output file " + file + " exists: pass --overwrite to replace it, or give"
                    + " a new name; nothing was changed");
        }
    }

    /** Two outputs of one run may not be the same file (one would silently replace the other). */
    public static void checkDistinct(Path a, String aName, Path b, String bName) throws OutputRefusedException {
        if (a != null && b != null && real(a).equals(real(b))) {
            throw new OutputRefusedException(
                    aName + " and " + bName + " are the same file " + a + ": give each its own name");
        }
    }

    /**
     * {@link #checkFile(Path, Path...)} for another kind of output file: an existing one must end in
     * {@code extension} (e.g. {@code ".json"}), anything else of that name is the user's.
     */
    public static void checkFile(Path file, String extension, Path... inputs) throws OutputRefusedException {
        Path real = checkCommon(file, "output file", inputs);
        if (Files.isDirectory(real)) {
            throw new OutputRefusedException("output file " + file + " is a folder: give a file name, e.g. "
                    + file.resolve("results" + extension));
        }
        if (Files.exists(real)
                && !real.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension)) {
            throw new OutputRefusedException("output file " + file + " exists and is not a " + extension + " file:"
                    + " it would be replaced; give a new name ending in " + extension);
        }
    }

    /**
     * Creates {@code folder} (checked with {@link #checkFolder}) and writes the marker naming {@code command}, so a
     * later run may use it again (the transaction's commit does this).
     */
    static void claimFolder(Path folder, String command) throws IOException {
        Files.createDirectories(folder);
        if (!command.equals(owner(folder))) {
            AtomicFiles.writeString(
                    folder.resolve(MARKER),
                    command + "\nWritten by brain-tumor " + command
                            + ": the program may write into this folder again. Delete this file to protect the folder.\n");
        }
    }

    /** @return whether {@code folder} holds a model.json written by this program (a bundle or checkpoint) */
    public static boolean isBundle(Path folder) {
        Path json = folder.resolve(MODEL_JSON);
        if (!Files.isRegularFile(json)) return false;
        try {
            // Bundles are small JSON files that record their kind; any other model.json is someone else's.
            String text = Files.readString(json, StandardCharsets.UTF_8);
            return text.contains("\"kind\"") && text.contains("\"formatVersion\"");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return the command named by the folder's marker, or null when it has none */
    static String owner(Path folder) {
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker)) return null;
        try (Stream<String> lines = Files.lines(marker, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(String::trim).orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** What every output shares: not the working or home folder, clear of the inputs, writable. */
    private static Path checkCommon(Path path, String what, Path... inputs) throws OutputRefusedException {
        Objects.requireNonNull(path, what);
        if (path.toString().isBlank()) throw new OutputRefusedException("no " + what + " given");
        Path real = real(path);
        for (String special : new String[] {"", System.getProperty("user.home")}) {
            if (special == null) continue;
            Path s = real(Path.of(special));
            if (s.startsWith(real)) {
                throw new OutputRefusedException(
                        what + " " + path + " is " + (special.isEmpty() ? "the current folder" : "the home folder")
                                + (s.equals(real) ? "" : " or holds it")
                                + ": give a new folder, e.g. " + path.resolve("brain-tumor-output"));
            }
        }
        for (Path input : inputs) {
            if (input == null || input.toString().isBlank()) continue;
            Path in = real(input);
            if (in.startsWith(real) || real.startsWith(in)) {
                String relation = in.equals(real) ? "is" : in.startsWith(real) ? "holds" : "is inside";
                throw new OutputRefusedException(what + " " + path + " " + relation + " the input " + input
                        + ": inputs are never written; choose a folder outside it");
            }
        }
        if (what.equals("output file")) {
            writable(path, real.getParent(), what);
            if (Files.isRegularFile(real) && !Files.isWritable(real)) {
                throw new OutputRefusedException("cannot write output file " + path + ": it is read-only");
            }
            return real;
        }
        if (Files.exists(real) && !Files.isDirectory(real)) {
            throw new OutputRefusedException(
                    what + " " + path + " is an existing file, not a folder: give a new" + " folder name");
        }
        writable(path, real, what);
        return real;
    }

    /** The nearest existing folder of {@code real} must be a writable folder. */
    private static void writable(Path path, Path real, String what) throws OutputRefusedException {
        Path existing = real;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (!Files.isDirectory(existing)) {
            throw new OutputRefusedException(
                    "cannot write " + what + " " + path + ": " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new OutputRefusedException("cannot write " + what + " " + path + ": " + existing
                    + " is not writable; choose a folder you can write to");
        }
    }

    private static OutputRefusedException foreign(Path folder, String what, List<String> entries) {
        List<String> shown = entries.subList(0, Math.min(SHOWN, entries.size()));
        return new OutputRefusedException(what + " " + folder + " holds " + entries.size()
                + " file(s) or folder(s) this program did not write (" + String.join(", ", shown)
                + (entries.size() > SHOWN ? ", ..." : "") + "): choose a new or empty folder; nothing was changed");
    }

    private static List<String> entries(Path dir) throws OutputRefusedException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = new ArrayList<>(
                    s.map(p -> p.getFileName().toString()).sorted().toList());
            return names;
        } catch (IOException e) {
            throw new OutputRefusedException("cannot list output folder " + dir + ": " + e.getMessage());
        }
    }

    /** Absolute, normalised, with the links of its existing part resolved (so two spellings compare equal). */
    static Path real(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
