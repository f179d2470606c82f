// libFuzzer target: the database build description (build.toml, docs/data.md) through
// calibration::build_data::ReadBuildConfig. DataError is the expected outcome of bad input;
// any other exception, crash, sanitizer report or hang is a finding. toml++ is compiled in
// and instrumented, as for the scenario and study targets (tests/fuzz/CMakeLists.txt).
#include <cstdint>

#include "calibration/build_data/build_config.hpp"
#include "calibration/csv.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto path = peninsula::fuzz::ScratchDir() / "build.toml";
  auto text = peninsula::fuzz::AsView(data, size);
  if (peninsula::fuzz::HasTomlUnreachableCodePoint(text)) return -1;  // upstream bug, see there
  peninsula::fuzz::WriteFile(path, text);
  try {
    auto config = peninsula::calibration::build_data::ReadBuildConfig(path);
    // What the reader promises of a description it accepts.
    if (config.variants.empty()) __builtin_trap();
  } catch (const peninsula::calibration::DataError&) {
  }
  return 0;
}
