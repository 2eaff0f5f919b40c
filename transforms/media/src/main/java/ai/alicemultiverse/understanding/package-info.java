/**
 * Understanding: tags and a description for a media file from a provider behind
 * {@link ai.alicemultiverse.understanding.UnderstandingProvider}. {@link
 * ai.alicemultiverse.understanding.OfflineProvider} needs no network (colours, orientation, size,
 * duration, media kind); {@link ai.alicemultiverse.understanding.HttpVisionProvider} asks an
 * OpenAI-compatible chat/completions vision endpoint (OpenAI, OpenRouter, a local Ollama, ...).
 *
 * <p>May import: {@code codec} (not its format sub-packages), {@code xmp}, Jackson.
 */
package ai.alicemultiverse.understanding;
