/**
 * JetStream: why it exists, streams, publishing with acks, push and pull consumers with the ack contract,
 * ordered consumption and replay, and exactly-once processing in practice. Each specification runs against a real
 * nats-server with JetStream on a random loopback port. Read the classes in the order of their {@code @Order}.
 */
package dev.natskit.tutorial.jetstream;
