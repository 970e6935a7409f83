/**
 * Training both models with one loop ({@code TrainingLoop}) and a task per model: tumour-centred sampling,
 * geometric, missing-modality and scanner-intensity augmentation, per-volume normalisation, warm-up + cosine
 * Adam with exactly resumable checkpoints, validation per patient, best-bundle keeping, random search.
 */
package io.github.braintumor.train;
