/** The picocli command line: one class per sub-command, plus shared options and console output. */
package org.latentnav.cli;
