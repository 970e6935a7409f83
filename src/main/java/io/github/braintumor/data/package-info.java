/**
 * The LGG data set as users download it: patient folders of TIFF slices and masks, indexing, patient splits,
 * the data-set overview, modality patterns, TIFF reading with integrity checks and the synthetic phantom
 * generator for tests.
 */
package io.github.braintumor.data;
