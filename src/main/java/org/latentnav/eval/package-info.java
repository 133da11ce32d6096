/** Measuring editing and GAN quality: control error, preservation, Frechet distances and plots. */
package org.latentnav.eval;
