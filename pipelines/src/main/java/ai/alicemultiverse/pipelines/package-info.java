/**
 * Pipeline assemblies: rebuild ({@link ai.alicemultiverse.pipelines.RebuildPipeline}), scan, ingest,
 * watch, export ({@link ai.alicemultiverse.pipelines.ExportJob}) and verify ({@link
 * ai.alicemultiverse.pipelines.CacheVerifier}). Each takes a config record and Beam options, composes
 * the transforms of {@code beam} and hands its rows to {@code cache}.
 *
 * <p>May import: {@code beam}, {@code cache}, {@code search}, {@code export}, {@code storage} and the
 * media library. Not the command line.
 */
package ai.alicemultiverse.pipelines;
