/**
 * The contrasts between NATS JetStream and Apache Kafka that can be run: replay from an offset, consumer groups,
 * ordering. Each specification runs against a real nats-server; no Kafka broker is involved.
 */
package dev.natskit.tutorial.kafka;
