/**
 * The NATS tutorial as executable specifications, one package per chapter, and {@link
 * dev.natskit.tutorial.DocSnippetsTest}, which keeps the code blocks in {@code docs/} equal to the tagged regions
 * of these specifications.
 */
package dev.natskit.tutorial;
