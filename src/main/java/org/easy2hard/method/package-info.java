/**
 * Methods that answer multiple-choice items: the paper's linear probe on hidden states, the unsupervised encoder
 * baseline, and the feature texts (prompt formats) they read. Uses {@code model} and {@code data}.
 */
package org.easy2hard.method;
