/**
 * Benchmarks of inference and training against the plain PyTorch peer, printed as figures (never timed in unit
 * tests).
 */
package io.github.braintumor.bench;
