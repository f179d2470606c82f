// libFuzzer target: entering technologies (entry.csv, docs/data-format.md) on arbitrary bytes.
// The rest of data/korea2015 is read and calibrated once; each input then replaces its
// entry.csv and goes through the two steps the program takes: calibration::ReadEntrants
// (labels, donors, duplicates, sources) and calibration::CalibrateEntrants (the donor's
// technology checked against the host's benchmark and rescaled). DataError is the expected
// outcome of bad input; any other exception, crash, sanitizer report or hang is a finding, and
// so is an accepted file that breaks what the two steps promise.
#include <cmath>
#include <cstdint>
#include <set>
#include <utility>

#include "calibration/calibrate.hpp"
#include "calibration/csv.hpp"
#include "calibration/database.hpp"
#include "calibration/entry.hpp"
#include "fuzz_support.hpp"

namespace {

using peninsula::calibration::Database;
using peninsula::calibration::DataError;
using peninsula::model::ModelData;

struct Korea2015 {
  Database db;
  std::vector<std::filesystem::path> files;  // the database's files, entry.csv left out
  ModelData data;
};

Korea2015& Base() {
  static Korea2015 base = [] {
    Korea2015 k;
    k.db = peninsula::calibration::ReadDatabase(peninsula::fuzz::SourcePath("data/korea2015"));
    k.data = peninsula::calibration::Calibrate(k.db);
    k.db.directory = peninsula::fuzz::ScratchDir();
    for (const auto& f : k.db.files)
      if (f.filename() != "entry.csv") k.files.push_back(f);
    return k;
  }();
  return base;
}

void CheckRows(const Database& db) {
  const int regions = static_cast<int>(db.regions.size());
  const int sectors = static_cast<int>(db.sectors.size());
  std::set<std::pair<int, int>> seen;
  for (const auto& e : db.entrants) {
    if (e.region < 0 || e.region >= regions || e.donor < 0 || e.donor >= regions) __builtin_trap();
    if (e.sector < 0 || e.sector >= sectors || e.donor == e.region) __builtin_trap();
    if (e.source.empty() || e.line < 1 || !seen.insert({e.region, e.sector}).second)
      __builtin_trap();
  }
}

// Each entrant's input bundle costs 1 at the host's benchmark prices, sales taxes included.
void CheckCoefficients(const Database& db, const ModelData& d) {
  for (const auto& e : db.entrants) {
    const int r = e.region, j = e.sector;
    double cost = d.entry_ava(r, j);
    for (int i = 0; i < static_cast<int>(db.sectors.size()); ++i) {
      if (!(d.entry_io(r, i, j) >= 0)) __builtin_trap();
      cost += d.entry_io(r, i, j) * (1 + d.p.tc(r, i));
    }
    if (d.entrant(r, j) != 1 || !(d.entry_ava(r, j) >= 0) || !(std::abs(cost - 1) < 1e-9))
      __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Korea2015& k = Base();
  const auto dir = peninsula::fuzz::ScratchDir();
  peninsula::fuzz::WriteFile(dir / "entry.csv", peninsula::fuzz::AsView(data, size));
  k.db.entrants.clear();
  k.db.files = k.files;
  try {
    peninsula::calibration::ReadEntrants(dir, k.db);
    CheckRows(k.db);
    peninsula::calibration::CalibrateEntrants(k.db, k.data);
    CheckCoefficients(k.db, k.data);
  } catch (const DataError&) {
  }
  return 0;
}
