/**
 * Brain Tumor: a Fiji/ImageJ plugin that classifies MRI slices (tumour or not), segments tumours with a UNet,
 * measures IoU/Dice against ground truth and trains both models, on Deep Java Library (PyTorch engine). The
 * core packages ({@code data}, {@code tensor}, {@code nn}, {@code train}, {@code infer}, {@code eval}, {@code
 * metrics}, {@code model}, {@code io}, {@code report}, {@code engine}) know nothing of Fiji; {@code fiji} and
 * {@code imagej} are the only ones that import {@code ij.*} or {@code org.scijava.*}.
 */
package io.github.braintumor;
