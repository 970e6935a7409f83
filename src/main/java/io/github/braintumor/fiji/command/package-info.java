/**
 * The SciJava commands under Plugins &gt; Brain Tumor: thin, each calls one facade of {@code fiji} or use case of
 * {@code app}; macro keys are their parameter names.
 */
package io.github.braintumor.fiji.command;
