/**
 * Benchmarks that compare natskit with its peers: a harness that runs whole processes in interleaved repetitions
 * ({@link dev.natskit.benchmarks.BenchmarkMain}) and JMH benchmarks for the steady-state cost of single calls.
 */
package dev.natskit.benchmarks;
