/**
 * Benchmarks of inference and training against the plain PyTorch peer, printed as figures (never timed in unit
 * tests). They live in the test tree, out of the plugin jar that users install: {@code bin/brain-tumor bench} runs
 * them from {@code target/test-classes} (built by {@code mvn package -DskipTests}), and {@code cli.BenchSubcommand}
 * joins the command line through {@code META-INF/services}.
 */
package io.github.braintumor.bench;
