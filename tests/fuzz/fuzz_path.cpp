// libFuzzer target: io::ReadPath on arbitrary bytes (a recursive-dynamic path file,
// docs/dynamics.md). ScenarioError is the expected outcome of bad input; any other exception,
// crash, sanitizer report or hang is a finding, and so is a file accepted that breaks what the
// reader promises (checked below). The input is written to paths/path.toml in the scratch
// directory, next to a copy of runs/scenarios/, so that the seeds' phases
// ("../scenarios/status_quo.toml") are read as in the repository. toml++ is compiled in and
// instrumented (tests/fuzz/CMakeLists.txt).
#include <cstdint>
#include <filesystem>

#include "fuzz_support.hpp"
#include "io/path_file.hpp"

namespace {

namespace fs = std::filesystem;
using peninsula::model::PathSpec;

const fs::path& InputPath() {
  static const fs::path path = [] {
    const fs::path& dir = peninsula::fuzz::ScratchDir();
    fs::create_directories(dir / "paths");
    fs::copy(peninsula::fuzz::SourcePath("runs/scenarios"), dir / "scenarios",
             fs::copy_options::recursive);
    return dir / "paths" / "path.toml";
  }();
  return path;
}

bool SameClosure(const peninsula::model::ClosureSpec& a, const peninsula::model::ClosureSpec& b) {
  return a.numeraire == b.numeraire && a.numeraire_value == b.numeraire_value &&
         a.walras_equation == b.walras_equation && a.fix == b.fix && a.unfix == b.unfix;
}

void CheckPromises(const PathSpec& p) {
  if (p.name.empty() || p.name.find_first_of("/ ") != std::string::npos) __builtin_trap();
  if (p.start < 1900 || p.end > 2200 || p.end < p.start) __builtin_trap();
  int last = p.start;
  for (const auto& phase : p.phases) {
    if (phase.year < last || phase.year > p.end || phase.origin.empty()) __builtin_trap();
    if (!SameClosure(phase.scenario.closure, p.closure)) __builtin_trap();
    last = phase.year;
  }
  for (const auto& f : p.inflows) {
    if (f.region.empty() || f.owner.empty() || f.region == f.owner) __builtin_trap();
    if (f.from <= p.start || f.from > f.to || f.to > p.end || !(f.amount >= 0)) __builtin_trap();
  }
  const auto& d = p.peace;
  if (d.enabled) {
    if (d.from < p.start || d.from > p.end || d.years < 1) __builtin_trap();
    if (!(d.military_cut >= 0 && d.military_cut <= 1)) __builtin_trap();
    if (!(d.soldiers_released >= 0 && d.soldiers_released <= 1)) __builtin_trap();
    if (!(d.bvu_per_worker > 0)) __builtin_trap();
  }
  const auto& u = p.catch_up;
  if (u.region == u.frontier || !(u.rate >= 0 && u.rate < 1)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = peninsula::fuzz::AsView(data, size);
  if (peninsula::fuzz::HasTomlUnreachableCodePoint(text)) return -1;  // upstream bug, see there
  peninsula::fuzz::WriteFile(InputPath(), text);
  try {
    CheckPromises(peninsula::io::ReadPath(InputPath()));
  } catch (const peninsula::model::ScenarioError&) {
  }
  return 0;
}
