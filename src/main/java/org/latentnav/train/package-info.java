/**
 * Direction training (Algorithm 1 of Zhuang, Koyejo and Schwing, ICLR 2021): losses, schedules,
 * Adam and checkpoints.
 */
package org.latentnav.train;
