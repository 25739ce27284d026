/**
 * The file channel: a folder per file binding under the inbox directory; each complete file is
 * mapped and accepted whole or not at all, then moved to {@code processed/} or to
 * {@code rejected/} with a problem file naming every failing row.
 */
package io.millrace.connectivity.file;
