/**
 * Scores of masks and slice calls: confusion counts, per-slice and summary IoU/Dice with an explicit empty-mask
 * rule, ROC AUC, the threshold sweep, tumour volume, and the one thresholding rule ({@link
 * io.github.braintumor.metrics.ThresholdRule}).
 */
package io.github.braintumor.metrics;
