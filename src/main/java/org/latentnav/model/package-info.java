/**
 * Model roles (generator, discriminator, regressor, feature extractor), their cards and loaders.
 */
package org.latentnav.model;
