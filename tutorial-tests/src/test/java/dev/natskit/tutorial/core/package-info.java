/**
 * Core NATS: connecting, publish/subscribe, queue groups and request/reply, each specification running against a
 * real nats-server on a random loopback port. Read the classes in the order of their {@code @Order}.
 */
package dev.natskit.tutorial.core;
