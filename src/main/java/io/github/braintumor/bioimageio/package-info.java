/**
 * bioimage.io model packages in and out: {@link io.github.braintumor.bioimageio.BioImageIoImport} makes a bundle
 * of a 2-D single-input TorchScript package (axes, preprocessing, postprocessing and test tensors checked),
 * {@link io.github.braintumor.bioimageio.BioImageIoExport} writes a bundle's description ({@code rdf.yaml}, test
 * tensors as {@code .npy}, cover, README). Fiji-free; the CLI and the Fiji commands call it.
 *
 * <pre>{@code
 * BioImageIoImport.run(Path.of("package.zip"), Path.of("imported-bundle"));
 * BioImageIoExport.run(Path.of("imported-bundle"), Path.of("exported-package"), null);
 * }</pre>
 */
package io.github.braintumor.bioimageio;
