/**
 * ImgLib2 images in and out of the core ({@code ImgSlices}: MRI as (X, Y, C, Z), masks and probabilities back), and
 * the intensity normalisations (divide by 255; Buda's per-volume percentile z-score, computable from values or
 * histograms).
 */
package io.github.braintumor.conversion;
