/**
 * Starting the DJL PyTorch engine the same way everywhere: threads, seed, offline mode, device choice (GPU only
 * when libtorch reports CUDA), the number format of inference (bfloat16 where the CPU has it, cast inside libtorch),
 * context class loader for Fiji; native memory readings (RSS from /proc, live NDArrays) to watch for leaks.
 */
package io.github.braintumor.engine;
