/**
 * {@code alice bench}: makes a corpus of every format alice reads, then times whole processes on
 * it (the rebuild's fast path, {@code rebuild --verify}, and ExifTool when it is installed) so the
 * figures include what a user waits for: JVM start, listing, reading, the cache load.
 *
 * <p>Every file is generated here, from a seed, so a corpus is the same on every machine; nothing
 * is downloaded or copied from elsewhere.
 *
 * <p>May import: every layer, the command line included (its child rebuilds are the product jar).
 */
package ai.alicemultiverse.bench;
