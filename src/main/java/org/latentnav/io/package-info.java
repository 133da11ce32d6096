/** Files written atomically or with a digest, image conversions and process memory readings. */
package org.latentnav.io;
