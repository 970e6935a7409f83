/**
 * The {@code brain-tumor} command line: one subcommand per job, thin over the same use cases ({@code app}) as Fiji; user
 * mistakes exit 2 with one line.
 */
package io.github.braintumor.cli;
