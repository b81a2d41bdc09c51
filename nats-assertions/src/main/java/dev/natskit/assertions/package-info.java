/**
 * AssertJ assertions for code that uses NATS through jnats: record what subscriptions and queue groups receive,
 * then check delivery, order, headers and request/reply outcomes against a real server. For JetStream, check
 * publish acks, the metadata of delivered messages, stream and consumer state as the server reports it, and the
 * ack contract: acknowledged, redelivered after AckWait, terminated, max deliveries reached.
 *
 * <p>Start from {@link dev.natskit.assertions.NatsAssertions}. Waiting assertions wake on each arrival, or re-read
 * stream and consumer state one request round trip after another, and give up at a deadline. None of them sleeps. Failure messages follow AssertJ's grammar and show the messages that did
 * arrive, with data as UTF-8 text.
 */
package dev.natskit.assertions;
