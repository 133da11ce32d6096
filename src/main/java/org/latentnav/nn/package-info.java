/**
 * DJL blocks of the StyleGAN2-style generator and discriminator, VGG-19 features and regressor
 * backbones.
 */
package org.latentnav.nn;
