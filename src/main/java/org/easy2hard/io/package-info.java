/**
 * File plumbing every other package shares: SHA-256 digests, atomic file writes (whole file or none), the
 * content-addressed store under the feature and request caches ({@link org.easy2hard.io.ContentStore}: one layout,
 * checksum and repair, a codec per payload), verified downloads (part file, SHA-256 check, atomic rename:
 * {@link org.easy2hard.io.VerifiedDownload}), and where the toolkit's directories are (settings, then the user's
 * cache). Depends on nothing else in the project.
 */
package org.easy2hard.io;
