/**
 * Brain Tumor: a Fiji/ImageJ plugin that classifies MRI slices (tumour or not), segments tumours with a UNet,
 * measures IoU/Dice against ground truth and trains both models, on Deep Java Library (PyTorch engine). The
 * core packages ({@code data}, {@code conversion}, {@code nn}, {@code train}, {@code infer}, {@code eval}, {@code
 * metrics}, {@code model}, {@code io}, {@code report}, {@code engine}, {@code bioimageio}, {@code app}) know nothing
 * of Fiji; {@code fiji} (the commands) and {@code imageplus} (the ImagePlus/ImgLib2 bridge, and the TIFF reader
 * the command line shares with Fiji) are the only ones that import {@code ij.*} or {@code org.scijava.*}
 * ({@code ArchitectureTest}).
 */
package io.github.braintumor;
