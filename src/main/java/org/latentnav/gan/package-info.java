/** Training the default StyleGAN2-style GAN on a CelebA-format folder. */
package org.latentnav.gan;
