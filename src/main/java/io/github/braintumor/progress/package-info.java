/**
 * Progress reporting shared by training, inference, evaluation and the benchmark: the {@code ProgressListener}
 * callback, the {@code TrainingProgress} report it receives (epoch/batch counters, running loss, ETA and a
 * human-readable message) and a console listener; depends on no other package of the project.
 */
package io.github.braintumor.progress;
