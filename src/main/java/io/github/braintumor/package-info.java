/**
 * Brain Tumor: a Fiji/ImageJ plugin that classifies MRI slices (tumour or not), segments tumours with a UNet,
 * measures IoU/Dice against ground truth and trains both models, on Deep Java Library (PyTorch engine). The
 * core packages ({@code data}, {@code tensor}, {@code nn}, {@code train}, {@code infer}, {@code eval}, {@code
 * metrics}, {@code model}, {@code io}, {@code report}, {@code engine}, {@code bioimageio}, {@code app}) know nothing
 * of Fiji; {@code fiji} (the commands), {@code imagej} (the ImagePlus/ImgLib2 bridge) and {@code cli} (which opens a
 * user's TIFF stacks with ImageJ's reader) are the only ones that import {@code ij.*} or {@code org.scijava.*}
 * ({@code ArchitectureTest}).
 */
package io.github.braintumor;
