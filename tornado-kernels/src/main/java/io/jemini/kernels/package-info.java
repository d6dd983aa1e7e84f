/**
 * Portable compute kernels: static methods over 1-D primitive arrays and ints whose first
 * range parameters ({@code lo}, {@code hi}) bound the parallel outer loop. The bodies stay in
 * the subset TornadoVM and Aparapi translate to OpenCL/PTX: no allocation, objects, exceptions,
 * recursion, lambdas, overloads, {@code switch}, {@code break} or {@code continue}.
 *
 * <p>Backward kernels accumulate ({@code +=}) into their gradient outputs, so a tensor used
 * several times collects every contribution without extra buffers.
 */
package io.jemini.kernels;
