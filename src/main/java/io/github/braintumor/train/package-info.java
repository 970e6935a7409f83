/**
 * Training both models with one loop ({@code TrainingLoop}) and a task per model: tumour-centred sampling,
 * geometric, missing-modality and scanner-intensity augmentation, per-volume normalisation, warm-up + cosine
 * Adam with exactly resumable checkpoints, validation per patient, random search. What happens around the loop
 * (progress, best-bundle keeping, the "last" checkpoint, weight averaging, early stop) are its
 * {@code TrainingListener}s.
 */
package io.github.braintumor.train;
