package io.github.braintumor.io;

import java.io.IOException;

/**
 * An output path that this program will not write: it holds files it did not write, is (or holds) an input, is a
 * file where a folder is needed, or cannot be written. Thrown before any work; the message is one line saying what
 * and what to do. The command line reports it with exit code 2.
 */
public class OutputRefusedException extends IOException {
    public OutputRefusedException(String message) {
        super(message);
    }
}
