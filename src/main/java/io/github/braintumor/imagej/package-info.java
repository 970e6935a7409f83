/**
 * The small bridge between ImageJ 1 images and ImgLib2: zero-copy wrapping of an ImagePlus as a PlanarImg.
 */
package io.github.braintumor.imagej;
