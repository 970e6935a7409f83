/**
 * Output formats without Fiji: CSV tables, JSON, charts and overlays drawn with Java2D, the HTML report.
 */
package io.github.braintumor.report;
