/**
 * Models: the {@link org.easy2hard.model.Encoder} interface (text in, hidden-state features out), its DJL / ONNX
 * Runtime implementation for the encoders bundled in Maven jars or found in a local directory, model identities for
 * provenance, and the on-disk feature cache. Knows nothing of datasets, methods or notebooks.
 */
package org.easy2hard.model;
