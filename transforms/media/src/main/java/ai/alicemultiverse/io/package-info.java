/**
 * Safe rewriting of user files: {@link ai.alicemultiverse.io.SafeFileWriter} replaces a file via a verified,
 * fsynced temp in the same folder and an atomic rename, under an advisory lock, so a failure or a kill never
 * leaves a half-written media file behind.
 *
 * <p>May import: the JDK only.
 */
package ai.alicemultiverse.io;
