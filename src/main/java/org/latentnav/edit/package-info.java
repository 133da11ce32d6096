/**
 * Editing along learned directions: direction sets, the latent spaces they move, and the edit math.
 */
package org.latentnav.edit;
