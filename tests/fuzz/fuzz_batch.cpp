// libFuzzer target: the batch-file reader of `peninsula batch` (app/batch/batch_file.cpp,
// docs/batch.md) on arbitrary bytes. BatchError is the expected outcome of bad input; any
// other exception, crash, sanitizer report or hang is a finding, and so is a file accepted
// that breaks what the reader promises (checked below). toml++ is compiled in, instrumented
// (tests/fuzz/CMakeLists.txt).
#include <cmath>
#include <cstdint>

#include "app/batch/batch_file.hpp"
#include "fuzz_support.hpp"

namespace {

using peninsula::app::batch::BatchFile;
using peninsula::app::batch::DesignKind;
using peninsula::app::batch::DistributionKind;

void CheckPromises(const BatchFile& b) {
  bool sampled = b.design == DesignKind::kMonteCarlo || b.design == DesignKind::kLatinHypercube;
  bool drawn = sampled || b.design == DesignKind::kQuadrature;
  if (b.name.empty() || b.study.empty() || b.output.empty()) __builtin_trap();
  if (sampled != (b.draws >= 1)) __builtin_trap();
  if (drawn == b.parameters.empty()) __builtin_trap();
  if ((b.design == DesignKind::kShockGrid) == b.shock_scales.empty()) __builtin_trap();
  bool listed = !b.datasets.empty() || !b.variants.empty();
  if ((b.design == DesignKind::kDatasets) != listed) __builtin_trap();
  for (const auto& p : b.parameters) {
    if (p.index.size() != 2 || p.origin.empty()) __builtin_trap();
    if (p.sd && !(*p.sd >= 0)) __builtin_trap();
    if (p.cv && !(*p.cv >= 0)) __builtin_trap();
    if (p.lower && p.upper && !(*p.lower < *p.upper)) __builtin_trap();
    if (p.distribution == DistributionKind::kTriangular && !p.spread && !(p.lower && p.upper))
      __builtin_trap();
  }
  for (double f : b.shock_scales) {
    if (!std::isfinite(f)) __builtin_trap();
  }
  if (b.outcomes.variables.size() != b.outcomes.origins.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = peninsula::fuzz::AsView(data, size);
  if (peninsula::fuzz::HasTomlUnreachableCodePoint(text)) return -1;  // upstream bug, see there
  try {
    CheckPromises(peninsula::app::batch::ParseBatchText(std::string(text), "batch.toml"));
  } catch (const peninsula::app::batch::BatchError&) {
  }
  return 0;
}
