/**
 * Portable compute kernels: static methods over 1-D primitive arrays and scalars whose last two
 * parameters ({@code lo}, {@code hi}) bound the parallel outer loop. The bodies stay in the subset
 * TornadoVM and Aparapi translate to OpenCL/PTX: no allocation, objects, exceptions, recursion,
 * lambdas, overloads, {@code switch}, {@code break} or {@code continue}; {@code Math} only through
 * the calls the OpenCL translator maps; no local named like an OpenCL built-in or type
 * ({@code max}, {@code half}), none assigned only in branches. Every kernel is built for an OpenCL
 * device and checked against its Java run in the {@code opencl} module's tests.
 *
 * <p>Backward kernels accumulate ({@code +=}) into their gradient outputs, so a tensor used
 * several times collects every contribution without extra buffers.
 */
package io.jemini.kernels;
