/**
 * Inference: batched forward passes with the bundle's normalisation, segmenters and classifiers,
 * post-processing (flip TTA, largest 3-D component, minimum area) and the modality check of an input stack.
 */
package io.github.braintumor.infer;
