/**
 * Progress reporting shared by training, inference, evaluation and the benchmark: the {@code ProgressListener}
 * callback, the {@code Progress} report it receives (steps done of the total, ETA, a human-readable message,
 * and for training its epoch, batch, running loss and validation metric) and a console listener; depends on no other package of the project.
 */
package io.github.braintumor.progress;
