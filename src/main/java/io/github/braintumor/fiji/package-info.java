/**
 * The Fiji layer: facades that turn an ImagePlus and dialog values into core calls and results tables (shared
 * by the SciJava commands and their ImageJ 1 twins), progress and cancel adapters. The Fiji-free use cases they
 * call, shared with the CLI, live in {@code app}.
 */
package io.github.braintumor.fiji;
