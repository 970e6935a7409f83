/**
 * Options said once for every front end: {@link io.github.braintumor.args.Option} (key, type, default, range, label,
 * help), a command's {@link io.github.braintumor.args.OptionTable} and one run's
 * {@link io.github.braintumor.args.OptionValues}; and the one command-line parser shared by the CLI and the Spark
 * module ({@link io.github.braintumor.args.CommandLine}). JDK only.
 */
package io.github.braintumor.args;
