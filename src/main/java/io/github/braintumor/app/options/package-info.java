/**
 * One option table per command ({@link io.github.braintumor.args.OptionTable}): the command line's flags and usage,
 * the ImageJ 1 dialog, the SciJava command's defaults and the macro keys all come from here, and
 * {@code OptionParityTest} holds every front end to it. {@link io.github.braintumor.app.options.CommonOptions} says
 * once what several commands share (the model's own threshold is {@code -1} in every front end).
 */
package io.github.braintumor.app.options;
