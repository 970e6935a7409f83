/**
 * The small bridge between ImageJ 1 images and the core: zero-copy wrapping of an ImagePlus as ImgLib2 images
 * ({@code ImagePlusImgs}), slices and masks in and out ({@code ImagePlusSlices}), and a user's TIFF read with ImageJ's
 * reader for the command line ({@code TiffStacks}).
 */
package io.github.braintumor.imageplus;
