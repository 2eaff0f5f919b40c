/**
 * The library file, {@code alice.toml}: where the cache lives and which locations make it, each a local
 * path, an {@code s3://} or a {@code gs://} prefix with an optional storage type and the object-store
 * settings it needs ({@link ai.alicemultiverse.library.LibraryFile}). Where it is found ({@link
 * ai.alicemultiverse.library.LibraryLookup}), the starter file {@code alice init} writes ({@link
 * ai.alicemultiverse.library.StarterFile}), and what a command works on once its arguments and the file
 * are put together ({@link ai.alicemultiverse.library.JobScope}).
 *
 * <p>May import: {@code model}, {@code io}, {@code storage} and Jackson's TOML reader. Not Beam's
 * pipelines, not the cache, not the command line.
 */
package ai.alicemultiverse.library;
