package org.latentnav.data;

/** A dataset folder that cannot be read; the message names the file, the line and the fix. */
public class DatasetException extends IllegalArgumentException {
    public DatasetException(String message) {
        super(message);
    }
}
