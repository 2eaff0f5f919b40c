/**
 * How text becomes search terms ({@link ai.alicemultiverse.text.Terms}): the Java folding and stemming
 * the pipeline and the queries use, and its SQL twin the cache's index is built with.
 *
 * <p>May import: the JDK only.
 */
package ai.alicemultiverse.text;
