/**
 * AssertJ assertions for code that uses NATS through jnats: record what subscriptions and queue groups receive,
 * then check delivery, order, headers and request/reply outcomes against a real server.
 *
 * <p>Start from {@link dev.natskit.assertions.NatsAssertions}. Waiting assertions wake on each arrival and give up
 * at a deadline; none of them sleeps. Failure messages follow AssertJ's grammar and show the messages that did
 * arrive, with data as UTF-8 text.
 */
package dev.natskit.assertions;
