// The BLAS under the sparse LU's dense fronts (docs/cli.md, "BLAS kernels and threads";
// docs/adr/0008-blas-kernels.md). OpenBLAS chooses its kernels for the processor it detects when it loads, and
// Debian 12's 0.3.21 takes AMD's AVX-512 processors (Zen 4) for Haswell: its AVX2 kernels
// take about a third longer over a 40×57 factorisation than the AVX-512 (SkylakeX) ones.
#pragma once

#include <string>

namespace peninsula::app {

struct BlasFacts {
  bool core_type_set = false;   // OPENBLAS_CORETYPE is in the environment
  std::string core;             // the core OpenBLAS detected; "" if the BLAS is not OpenBLAS
  bool cpu_has_avx512 = false;  // AVX-512 F, DQ, BW and VL, and the OS saves their state
};

// The OpenBLAS core type whose kernels suit the processor better than those loaded, or ""
// to keep them. A core type the user set is always kept.
std::string BetterBlasCore(const BlasFacts& facts);

// What this process' BLAS and processor are.
BlasFacts DetectBlas();

// Restarts the process once, with OPENBLAS_CORETYPE set, when BetterBlasCore names a core
// type (OpenBLAS reads it only when it loads); returns when there is none or exec fails.
void SelectBlasKernels(char** argv);

// One BLAS thread per process, unless the user set OPENBLAS_NUM_THREADS or OMP_NUM_THREADS:
// for batch ranks, where processes are the parallelism. No effect on other BLAS libraries.
void UseOneBlasThread();

}  // namespace peninsula::app
