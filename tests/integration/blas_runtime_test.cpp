// The BLAS kernels and threads the program chooses (app/blas_runtime, docs/performance.md).
#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "app/blas_runtime.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using app::BetterBlasCore;
using app::BlasFacts;

TEST(BlasKernels, AvxFiveTwelveProcessorTakenForHaswellGetsSkylakeXKernels) {
  EXPECT_EQ(BetterBlasCore({false, "Haswell", true}), "SkylakeX");
  EXPECT_EQ(BetterBlasCore({false, "Zen", true}), "SkylakeX");
}

TEST(BlasKernels, KeepsWhatTheUserSetWhatFitsAndWhatCannotRun) {
  EXPECT_EQ(BetterBlasCore({true, "Haswell", true}), "");    // OPENBLAS_CORETYPE given
  EXPECT_EQ(BetterBlasCore({false, "Haswell", false}), "");  // no AVX-512
  EXPECT_EQ(BetterBlasCore({false, "SkylakeX", true}), "");
  EXPECT_EQ(BetterBlasCore({false, "Cooperlake", true}), "");
  EXPECT_EQ(BetterBlasCore({false, "", true}), "");  // not OpenBLAS
}

// The program restarts itself with the better kernels, once, and runs normally; OpenBLAS
// prints the core it loaded when OPENBLAS_VERBOSE=2.
TEST(BlasKernels, TheProgramLoadsTheKernelsChosenForThisMachine) {
  BlasFacts here = app::DetectBlas();
  if (here.core.empty()) GTEST_SKIP() << "the BLAS here is not OpenBLAS";
  here.core_type_set = false;
  const std::string better = BetterBlasCore(here);
  testing::CommandResult r =
      testing::RunShellCommand("env -u OPENBLAS_CORETYPE OPENBLAS_VERBOSE=2 " +
                               std::string(PENINSULA_BINARY) + " --version");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("peninsula "), std::string::npos) << r.output;
  std::smatch core;
  ASSERT_TRUE(std::regex_search(r.output, core, std::regex("Core: (\\w+)"))) << r.output;
  if (better.empty()) {
    EXPECT_EQ(core[1], here.core);
  } else {
    EXPECT_NE(core[1], here.core) << "expected AVX-512 kernels";
  }
  // A core type the user gives is kept: no restart.
  testing::CommandResult kept =
      testing::RunShellCommand("OPENBLAS_CORETYPE=" + here.core + " OPENBLAS_VERBOSE=2 " +
                               std::string(PENINSULA_BINARY) + " --version");
  EXPECT_NE(kept.output.find("Core: " + here.core), std::string::npos) << kept.output;
}

// Batch ranks run one BLAS thread each unless the user says otherwise.
TEST(BlasThreads, OneThreadUnlessTheUserSetsTheCount) {
  auto get_threads = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  auto set_threads =
      reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (!get_threads || !set_threads) GTEST_SKIP() << "the BLAS here is not OpenBLAS";
  const char* names[] = {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"};
  std::vector<std::optional<std::string>> saved;
  for (const char* name : names) {
    const char* v = std::getenv(name);
    saved.push_back(v ? std::optional<std::string>(v) : std::nullopt);
    unsetenv(name);
  }
  set_threads(2);
  setenv("OPENBLAS_NUM_THREADS", "2", 1);
  app::UseOneBlasThread();
  EXPECT_EQ(get_threads(), 2);
  unsetenv("OPENBLAS_NUM_THREADS");
  app::UseOneBlasThread();
  EXPECT_EQ(get_threads(), 1);
  for (std::size_t k = 0; k < saved.size(); ++k) {
    if (saved[k]) setenv(names[k], saved[k]->c_str(), 1);
  }
}

}  // namespace
}  // namespace peninsula
