package io.github.braintumor.cli;

import io.github.braintumor.args.CommandLine;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A subcommand's parsed command line: the values of its {@link OptionTable} ({@code --key value}, {@code --key=value},
 * {@code --flag}, positional arguments). Unknown options, bad values and extra arguments are a {@link UsageException}
 * (exit 2, one line), so typos are reported instead of silently ignored.
 *
 * <pre>{@code
 * Args a = Args.parse(args, InferenceCommandOptions.SEGMENT);
 * Path in = a.existingPath(InferenceCommandOptions.INPUT);
 * double t = a.get(CommonOptions.THRESHOLD);
 * }</pre>
 */
final class Args {
    private final OptionValues values;
    private final List<String> positional;

    private Args(OptionValues values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /** Parses a command line against the table's command-line options. */
    static Args parse(List<String> args, OptionTable table) throws UsageException {
        try {
            CommandLine c = CommandLine.parse(args, table.cliValued(), table.cliFlags());
            long expected = table.offeredIn(Option.Front.CLI).stream()
                    .filter(Option::isPositional)
                    .count();
            if (c.positional().size() > expected) {
                throw new UsageException(
                        "unexpected argument '" + c.positional().get((int) expected) + "' (see --help)");
            }
            Args a = new Args(table.fromCommandLine(c), c.positional());
            for (Option<?> o : table.offeredIn(Option.Front.CLI)) {
                if (o.isRequired() && !o.isPositional() && (!a.has(o) || "".equals(a.get(o)))) throw missing(o);
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Parses a command line that has no table (bench): names of valued options and of flags. */
    static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        try {
            return CommandLine.parse(args, valued, flags);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** @return the option's value, or its default */
    <T> T get(Option<T> option) {
        return values.get(option);
    }

    /** @return whether the command line gave the option */
    boolean has(Option<?> option) {
        return values.given(option);
    }

    /** @return a path option, or null when not given */
    Path path(Option<String> option) {
        return values.path(option);
    }

    /** The refusal of a required option that was not given: its flag, its placeholder and (for a path) what it is. */
    private static UsageException missing(Option<?> option) {
        String what = option.help().split("\n", 2)[0].split(" \\(", 2)[0];
        boolean path = option.kind() == Option.Kind.FOLDER || option.kind() == Option.Kind.FILE;
        return new UsageException(
                "--" + option.key() + " " + option.metavar() + " is required" + (path ? ": " + what : ""));
    }

    /** @return a positional path, which must exist on disk */
    Path existingPath(Option<String> option) throws UsageException {
        Path p = path(option);
        if (p == null) throw new UsageException("missing " + option.metavar() + " (see --help)");
        if (!Files.exists(p)) throw new UsageException(option.metavar() + " not found: " + p);
        return p;
    }

    /** @return the positional arguments as given */
    List<String> positional() {
        return positional;
    }

    /** @return all the values, for a request builder that takes them whole */
    OptionValues values() {
        return values;
    }

    /**
     * @return the usage text of a command with this table: synopsis, positional arguments, options (from the table)
     *     and any notes
     */
    static String usage(String name, OptionTable table, String notes) {
        List<Option<?>> cli = table.offeredIn(Option.Front.CLI);
        StringBuilder s = new StringBuilder(name);
        for (Option<?> o : cli) if (o.isPositional()) s.append(' ').append(o.metavar());
        for (Option<?> o : cli) {
            if (o.isRequired() && !o.isPositional())
                s.append(" --").append(o.key()).append(' ').append(o.metavar());
        }
        s.append(" [options]\n");
        for (Option<?> o : cli) {
            if (!o.isPositional()) continue;
            String head = "  " + o.metavar();
            s.append(head).append(" ".repeat(Math.max(1, 22 - head.length())));
            s.append(o.help().replace("\n", "\n" + " ".repeat(22))).append('\n');
        }
        s.append(table.cliUsage());
        if (notes != null && !notes.isEmpty()) s.append(notes);
        return s.toString().stripTrailing();
    }
}
