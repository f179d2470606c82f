// OpenBLAS's entry points are looked up at run time: Debian's libblas.so.3 is whichever BLAS
// the alternatives system points to, and the reference BLAS has none of them.
#include "app/blas_runtime.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>

namespace peninsula::app {
namespace {

template <typename Function>
Function OpenBlasSymbol(const char* name) {
  return reinterpret_cast<Function>(dlsym(RTLD_DEFAULT, name));
}

bool CpuHasAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}

}  // namespace

std::string BetterBlasCore(const BlasFacts& facts) {
  if (facts.core_type_set || !facts.cpu_has_avx512) return "";
  // The AVX2 kernels OpenBLAS falls back to on processors it does not know.
  if (facts.core == "Haswell" || facts.core == "Zen") return "SkylakeX";
  return "";
}

BlasFacts DetectBlas() {
  BlasFacts facts;
  facts.core_type_set = std::getenv("OPENBLAS_CORETYPE") != nullptr;
  if (auto corename = OpenBlasSymbol<char* (*)()>("openblas_get_corename")) {
    if (const char* core = corename()) facts.core = core;
  }
  facts.cpu_has_avx512 = CpuHasAvx512();
  return facts;
}

void SelectBlasKernels(char** argv) {
  const std::string core = BetterBlasCore(DetectBlas());
  if (core.empty() || setenv("OPENBLAS_CORETYPE", core.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  unsetenv("OPENBLAS_CORETYPE");  // exec failed: carry on with the kernels loaded
}

void UseOneBlasThread() {
  if (std::getenv("OPENBLAS_NUM_THREADS") || std::getenv("OMP_NUM_THREADS")) return;
  if (auto set_threads = OpenBlasSymbol<void (*)(int)>("openblas_set_num_threads")) set_threads(1);
}

}  // namespace peninsula::app
