/**
 * Model bundles: a folder with {@code model.json} (architecture, normalisation, threshold, training data and
 * augmentation, validation metrics, recorded post-processing) and the weights, written atomically and verified
 * by SHA-256 ({@code ModelBundle}); the default models in the jar ({@code EmbeddedModels}); bundles made from
 * TorchScript modules ({@code TorchScriptBundles}).
 */
package io.github.braintumor.model;
