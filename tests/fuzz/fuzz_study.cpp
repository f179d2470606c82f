// libFuzzer target: io::ReadStudy on arbitrary bytes (a TOML study file, docs/cli.md).
// ScenarioError is the expected outcome of bad input; any other exception, crash, sanitizer
// report or hang is a finding. The TOML parser (toml++) is compiled into this target, with
// instrumentation, rather than taken from the shared library (tests/fuzz/CMakeLists.txt).
#include <cstdint>

#include "fuzz_support.hpp"
#include "io/scenario_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto path = peninsula::fuzz::ScratchDir() / "study.toml";
  auto text = peninsula::fuzz::AsView(data, size);
  if (peninsula::fuzz::HasTomlUnreachableCodePoint(text)) return -1;  // upstream bug, see there
  peninsula::fuzz::WriteFile(path, text);
  try {
    auto s = peninsula::io::ReadStudy(path);
    // What the reader promises of a study it accepts.
    if (s.scenarios.empty() && s.paths.empty()) __builtin_trap();
  } catch (const peninsula::model::ScenarioError&) {
  }
  return 0;
}
