/**
 * Whole-cohort batch segmentation and evaluation on Apache Spark ({@code brain-tumor-spark segment|evaluate}):
 * one task per patient, the engine and model loaded once per executor JVM and task slot, each patient's output
 * published whole, failures per patient in {@code failures.csv}, and the per-slice results as a Spark DataFrame.
 * It runs the plugin's core ({@code app}, {@code eval}, {@code data}, {@code io}); nothing here imports ImageJ,
 * SciJava or the Fiji packages.
 */
package io.github.braintumor.spark;
