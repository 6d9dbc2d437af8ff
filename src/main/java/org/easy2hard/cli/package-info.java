/**
 * The {@code easy2hard} command line (picocli). A thin shell over the library: every command calls public entry
 * points that notebooks can call too.
 */
package org.easy2hard.cli;
