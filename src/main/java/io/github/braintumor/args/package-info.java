/**
 * Command-line parsing shared by the plugin's CLI and the Spark module ({@link io.github.braintumor.args.CommandLine}),
 * JDK only.
 */
package io.github.braintumor.args;
