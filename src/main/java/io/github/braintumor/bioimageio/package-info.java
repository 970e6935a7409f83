/**
 * bioimage.io model packages in and out: {@link io.github.braintumor.bioimageio.BioImageIoImport} makes a bundle
 * of a 2-D single-input TorchScript package (axes, preprocessing, postprocessing and test tensors checked),
 * {@link io.github.braintumor.bioimageio.BioImageIoExport} writes a bundle as a package that bioimage.io's own tools
 * validate and run ({@code rdf.yaml}, TorchScript weights, test tensors as {@code .npy}, cover, the model card).
 * Fiji-free; the CLI and the Fiji commands call it.
 *
 * <pre>{@code
 * BioImageIoImport.run(Path.of("package.zip"), Path.of("imported-bundle"));
 * BioImageIoExport.builder().setBundle(Path.of("imported-bundle")).setOut(Path.of("exported-package")).run();
 * }</pre>
 */
package io.github.braintumor.bioimageio;
