/**
 * Model bundles: a folder with {@code model.json} (architecture, normalisation, threshold, training data and
 * augmentation, validation metrics, recorded post-processing) and the weights, written atomically and verified
 * by SHA-256; the embedded default models.
 */
package io.github.braintumor.model;
