package io.github.braintumor.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Patient folders from the inputs as given: local paths (no scheme) or Hadoop URIs ({@code file:}, {@code hdfs:},
 * {@code s3a:}, ...). A folder that holds TIFF slices is one patient; otherwise its sub-folders with TIFF slices
 * are the patients (a {@code kaggle_3m} sub-folder is looked into, as {@code LggDataset} does), sorted by name.
 * Local folders are read where they are; a task copies a remote patient folder to a local temporary folder
 * first ({@link #localCopy}), because the core reads {@code java.nio} files.
 */
final class PatientInputs {
    /** A patient to process: its id (folder name) and where its folder is (a local path or a URI). */
    record Ref(String id, String location) implements Serializable {
        private static final long serialVersionUID = 1L;

        boolean local() {
            return PatientInputs.isLocal(location);
        }
    }

    private PatientInputs() {}

    /** @return true for a plain path or a {@code file:} URI */
    static boolean isLocal(String location) {
        return scheme(location) == null || scheme(location).equals("file");
    }

    private static String scheme(String location) {
        // "C:\..." has no scheme of ours; a scheme is two or more letters before "://" or ":/"
        int colon = location.indexOf(':');
        if (colon < 2 || !location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]+")) return null;
        return location.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** A local path of a plain path or a file: URI. */
    static Path localPath(String location) {
        return scheme(location) == null
                ? Path.of(location).toAbsolutePath().normalize()
                : Path.of(URI.create(location)).toAbsolutePath().normalize();
    }

    /**
     * @return the patients of all inputs, in input order and by name within a folder
     * @throws UsageException an input that does not exist, holds no patients, or names a patient twice
     */
    static List<Ref> list(List<String> inputs, Configuration conf) throws UsageException, IOException {
        Map<String, Ref> out = new LinkedHashMap<>();
        for (String input : inputs) {
            List<Ref> found = isLocal(input) ? listLocal(localPath(input), input) : listRemote(input, conf);
            if (found.isEmpty()) {
                throw new UsageException("no patient folders with TIFF slices in " + input
                        + ": give a data folder (e.g. kaggle_3m) or patient folders");
            }
            for (Ref r : found) {
                Ref earlier = out.putIfAbsent(r.id(), r);
                if (earlier != null) {
                    throw new UsageException("patient " + r.id() + " is given twice (" + earlier.location() + " and "
                            + r.location() + "): give each patient once");
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static List<Ref> listLocal(Path dir, String input) throws UsageException, IOException {
        if (!Files.isDirectory(dir)) throw new UsageException("input folder not found: " + input);
        if (hasTifs(dir)) return List.of(new Ref(dir.getFileName().toString(), dir.toString()));
        Path root = Files.isDirectory(dir.resolve("kaggle_3m")) ? dir.resolve("kaggle_3m") : dir;
        List<Ref> out = new ArrayList<>();
        try (var s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                if (hasTifs(p)) out.add(new Ref(p.getFileName().toString(), p.toString()));
            }
        }
        return out;
    }

    private static boolean hasTifs(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> isTif(p.getFileName().toString()) && Files.isRegularFile(p));
        }
    }

    private static boolean isTif(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".tif") || n.endsWith(".tiff"));
    }

    private static List<Ref> listRemote(String input, Configuration conf) throws UsageException, IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(input);
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
            throw new UsageException("input folder not found: " + input);
        }
        if (hasTifs(fs, dir))
            return List.of(new Ref(dir.getName(), fs.makeQualified(dir).toString()));
        org.apache.hadoop.fs.Path kaggle = new org.apache.hadoop.fs.Path(dir, "kaggle_3m");
        org.apache.hadoop.fs.Path root =
                fs.exists(kaggle) && fs.getFileStatus(kaggle).isDirectory() ? kaggle : dir;
        FileStatus[] children = fs.listStatus(root);
        Arrays.sort(children, Comparator.comparing(f -> f.getPath().getName()));
        List<Ref> out = new ArrayList<>();
        for (FileStatus c : children) {
            if (c.isDirectory() && hasTifs(fs, c.getPath())) {
                out.add(new Ref(
                        c.getPath().getName(), fs.makeQualified(c.getPath()).toString()));
            }
        }
        return out;
    }

    private static boolean hasTifs(FileSystem fs, org.apache.hadoop.fs.Path dir) throws IOException {
        for (FileStatus f : fs.listStatus(dir))
            if (f.isFile() && isTif(f.getPath().getName())) return true;
        return false;
    }

    /**
     * The patient's folder on this machine: a local one as it is, a remote one copied (its TIFF files) into
     * {@code scratch/<id>}.
     */
    static Path localCopy(Ref ref, Path scratch, Configuration conf) throws IOException {
        if (ref.local()) return localPath(ref.location());
        Path target = Files.createDirectories(scratch.resolve(ref.id()));
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(ref.location());
        FileSystem fs = dir.getFileSystem(conf);
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isFile() && isTif(f.getPath().getName())) {
                fs.copyToLocalFile(
                        false,
                        f.getPath(),
                        new org.apache.hadoop.fs.Path(
                                target.resolve(f.getPath().getName()).toUri()),
                        true);
            }
        }
        return target;
    }

    /** Copies one file of a remote patient folder to {@code target} (the driver's example pictures). */
    static void copyFile(Ref ref, String name, Path target, Configuration conf) throws IOException {
        Files.createDirectories(target.getParent());
        org.apache.hadoop.fs.Path src =
                new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(ref.location()), name);
        src.getFileSystem(conf).copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(target.toUri()), true);
    }
}
