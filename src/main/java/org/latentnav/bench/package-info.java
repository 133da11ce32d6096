/** Operation counts for the benchmarks: multiply-accumulates of each model's forward pass. */
package org.latentnav.bench;
