/**
 * File plumbing every other package shares: SHA-256 digests, atomic file writes (whole file or none), and where the
 * toolkit's directories are (settings, then the user's cache). Depends on nothing else in the project.
 */
package org.easy2hard.io;
