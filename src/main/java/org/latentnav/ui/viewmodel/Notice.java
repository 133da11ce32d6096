package org.latentnav.ui.viewmodel;

/**
 * A message for the user, shown as a notification. The sequence number makes two equal messages in
 * a row distinct, so a listener sees both.
 *
 * @param severity how the message is shown
 * @param text one or two sentences that say what happened and what to do
 * @param sequence a number that increases with each notice
 */
public record Notice(Severity severity, String text, long sequence) {
    /** The kinds of notice. */
    public enum Severity {
        INFO,
        WARNING,
        ERROR
    }
}
