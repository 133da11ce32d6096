/** Training and evaluating attribute regressors. */
package org.latentnav.regressor;
