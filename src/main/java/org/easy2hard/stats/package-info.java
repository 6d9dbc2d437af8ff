/**
 * Statistics the paper's conclusions rest on: accuracy with the grid bootstrap, paired differences, the Supervision
 * Gap Recovered with its interval, and rank correlation. Pure numerics on item-level records; independent of data
 * loading, models and notebooks.
 */
package org.easy2hard.stats;
