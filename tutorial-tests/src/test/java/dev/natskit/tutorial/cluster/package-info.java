/**
 * Clusters: a replicated stream that survives the loss of its leader, clients that move to another node, and a
 * queue group whose members sit on different nodes, each specification running against a real three-node JetStream
 * cluster on loopback ports.
 */
package dev.natskit.tutorial.cluster;
