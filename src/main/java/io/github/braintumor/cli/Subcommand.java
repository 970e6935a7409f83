package io.github.braintumor.cli;

import io.github.braintumor.args.OptionTable;
import java.io.PrintStream;
import java.util.List;

/**
 * One {@code brain-tumor <name>} subcommand. To add one, write a small class and add it to {@link Main#SUBCOMMANDS}.
 *
 * <pre>{@code
 * final class Hello implements Subcommand {
 *     public String name() { return "hello"; }
 *     public String summary() { return "say hello"; }
 *     public OptionTable options() { return OptionTable.of(); }
 *     public int run(List<String> args, PrintStream out, PrintStream err) { out.println("hi"); return 0; }
 * }
 * }</pre>
 */
public interface Subcommand {
    /** The word after {@code brain-tumor}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The options it takes: its flags, its usage text and its parsing come from this table. */
    OptionTable options();

    /** Full help: synopsis, arguments, options. */
    default String usage() {
        return Args.usage(name(), options(), "");
    }

    /**
     * Runs the command. {@code --help} is handled by {@link Main}.
     *
     * @return exit code (0 success)
     * @throws UsageException bad usage or bad input: exit code 2, message on stderr
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
