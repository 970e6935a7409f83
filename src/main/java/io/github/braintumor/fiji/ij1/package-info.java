/**
 * ImageJ 1 twins of the commands (plain {@code PlugIn}s with GenericDialogs, listed in {@code plugins.config})
 * so plain ImageJ 1.54 and macros find the same menu entries and keys.
 */
package io.github.braintumor.fiji.ij1;
