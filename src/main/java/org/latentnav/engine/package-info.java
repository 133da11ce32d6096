/** Starting the DJL PyTorch engine offline and choosing devices. */
package org.latentnav.engine;
