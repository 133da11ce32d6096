package org.latentnav.model;

/** A model folder or checkpoint that cannot be used; the message names the file and the fix. */
public class InvalidModelException extends RuntimeException {
    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
