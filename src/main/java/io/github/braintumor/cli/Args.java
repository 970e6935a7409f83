package io.github.braintumor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command line: {@code --key value}, {@code --key=value}, {@code --flag} and positional arguments.
 * Unknown options are an error, so typos are reported instead of silently ignored.
 *
 * <pre>{@code
 * Args a = Args.parse(args, Set.of("out", "model"), Set.of("help"));
 * Path in = a.existingPath(0, "input");
 * }</pre>
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    /**
     * @param valued options that take a value
     * @param flags options without a value ("help" is always accepted)
     */
    public static Args parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        io.github.braintumor.args.CommandLine c;
        try {
            c = io.github.braintumor.args.CommandLine.parse(args, valued, flags);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Args a = new Args();
        a.options.putAll(c.options());
        a.positional.addAll(c.positional());
        return a;
    }

    public boolean has(String key) {
        return options.containsKey(key);
    }

    public String get(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) throws UsageException {
        String v = options.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be a whole number, got '" + v + "'");
        }
    }

    public long getLong(String key, long fallback) throws UsageException {
        String v = options.get(key);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be a whole number, got '" + v + "'");
        }
    }

    public double getDouble(String key, double fallback) throws UsageException {
        String v = options.get(key);
        if (v == null) return fallback;
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        // Java reads "NaN" and "Infinity" as numbers; callers use NaN for "not given", so refuse them here.
        if (!Double.isFinite(d)) throw new UsageException("--" + key + " must be a number, got '" + v + "'");
        return d;
    }

    /** A path option, or null when absent. */
    public Path path(String key) {
        String v = options.get(key);
        return v == null || v.isEmpty() ? null : Paths.get(v);
    }

    public List<String> positional() {
        return positional;
    }

    /** The positional argument at index, which must exist on disk. */
    public Path existingPath(int index, String what) throws UsageException {
        if (positional.size() <= index) throw new UsageException("missing " + what + " (see --help)");
        Path p = Paths.get(positional.get(index));
        if (!Files.exists(p)) throw new UsageException(what + " not found: " + p);
        return p;
    }

    /** Fails when more positional arguments were given than the command takes. */
    public void expectPositional(int max) throws UsageException {
        if (positional.size() > max) {
            throw new UsageException("unexpected argument '" + positional.get(max) + "' (see --help)");
        }
    }
}
