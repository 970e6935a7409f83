/**
 * Evaluation of models or predicted masks per patient, hospital, slice position, threshold, post-processing
 * variant and simulated input condition, written as tables, charts and an HTML report.
 */
package io.github.braintumor.eval;
