/**
 * Appendix of the tutorial: behaviours that differ between nats-server versions, each pinned by a spec that runs
 * only on the versions it describes.
 */
package dev.natskit.tutorial.versions;
