/** Datasets in the CelebA layout (LatentNav's avatar faces or real CelebA) as DJL datasets. */
package org.latentnav.data;
