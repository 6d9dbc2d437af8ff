/**
 * Fills a {@link org.easy2hard.data.DataStore} with the four datasets, fetched from their canonical sources and
 * checked against the SHA-256 of every file.
 *
 * <p>Where each dataset comes from is the bundled {@link org.easy2hard.data.download.SourceManifest}
 * ({@code sources.json}, generated once from {@code shared/datasets/PROVENANCE.md}). The
 * {@link org.easy2hard.data.download.DatasetDownloader} builds each dataset in a staging folder inside the data
 * directory, verifies every file, and only then renames the finished folder into place, so that a failure never
 * leaves a partial dataset behind and never damages one that is already complete. Streaming with a hash, the size
 * and SHA-256 check and the final rename of a file are {@link org.easy2hard.io.VerifiedDownload}'s, shared with the
 * model downloader; the retries, staging folder and archive checks are this package's.
 */
package org.easy2hard.data.download;
