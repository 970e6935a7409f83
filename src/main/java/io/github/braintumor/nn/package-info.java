/**
 * The networks as DJL blocks: Buda et al.'s UNet with the project's own transposed convolution (DJL's is not
 * implemented on PyTorch), the study's slice classifier CNN and its search space, and the losses (BCE, soft
 * Dice, both on logits).
 */
package io.github.braintumor.nn;
