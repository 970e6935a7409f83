package io.github.braintumor.data;

/**
 * What a TIFF's header says, read without decoding pixels ({@link LggTiff#readInfo}).
 *
 * @param width         pixels per row
 * @param height        rows
 * @param channels      samples per pixel (3 for LGG images, 1 for masks)
 * @param bitsPerSample bits of the first sample (8 for LGG data)
 */
public record TiffInfo(int width, int height, int channels, int bitsPerSample) {}
