/**
 * Writing files so that nothing is lost: temporary names moved into place, recursive deletes of only what was
 * written, SHA-256.
 */
package io.github.braintumor.io;
