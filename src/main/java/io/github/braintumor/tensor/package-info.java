/**
 * ImgLib2 images and planar arrays to DJL NDArrays and back, and the intensity normalisations (divide by 255;
 * Buda's per-volume percentile z-score, computable from values or histograms).
 */
package io.github.braintumor.tensor;
