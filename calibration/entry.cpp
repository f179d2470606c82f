// Entering technologies: reading entry.csv and calibrating donor coefficients.
#include "calibration/entry.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "calibration/csv.hpp"

namespace peninsula::calibration {
namespace {

int Label(const CsvTable& t, int k, const char* column, const std::vector<std::string>& set,
          const char* what) {
  const std::string& s = t.Cell(k, t.Column(column));
  auto it = std::find(set.begin(), set.end(), s);
  if (it == set.end()) {
    t.FailAt(k, "unknown " + std::string(what) + " '" + s + "' in column '" + column + "'");
  }
  return static_cast<int>(it - set.begin());
}

[[noreturn]] void FailRow(const Database& db, const EntrantRow& e, const std::string& message) {
  Fail((db.directory / "entry.csv").string(), e.line,
       db.sectors[e.sector] + " in " + db.regions[e.region] + " with the technology of " +
           db.regions[e.donor] + ": " + message);
}

// The host must carry every input the donor uses: the entrant buys them at the host's prices,
// and shares a sector-specific factor (land, resources) with the sector's incumbent.
void CheckInputs(const Database& db, const EntrantRow& e, const model::ModelData& d) {
  int r = e.region, j = e.sector, s = e.donor;
  for (int f = 0; f < static_cast<int>(db.factors.size()); ++f) {
    if (!(d.fcoef(s, f, j) > 0)) continue;
    bool mobile = d.mobility[f] == model::Mobility::kMobile;
    if (mobile ? !(d.yf0(r, f) > 0) : !(d.f0(r, f, j) > 0)) {
      FailRow(db, e,
              "the donor uses factor " + db.factors[f] + ", which " +
                  (mobile ? "earns no income in " + db.regions[r]
                          : "the sector does not have in " + db.regions[r]) +
                  " (expected factors the host has)");
    }
  }
  for (int i = 0; i < static_cast<int>(db.sectors.size()); ++i) {
    if (d.io(s, i, j) > 0 && !(d.q0(r, i) > 0)) {
      FailRow(db, e,
              "the donor uses " + db.sectors[i] + ", which " + db.regions[r] +
                  " does not absorb (expected inputs the host buys)");
    }
  }
}

}  // namespace

void ReadEntrants(const std::filesystem::path& dir, Database& db) {
  auto path = dir / "entry.csv";
  if (!std::filesystem::exists(path)) return;
  CsvTable t = ReadCsv(path, {"region", "sector", "donor", "source"});
  db.files.push_back(path);
  std::set<std::pair<int, int>> seen;
  for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
    EntrantRow e;
    e.region = Label(t, k, "region", db.regions, "region");
    e.sector = Label(t, k, "sector", db.sectors, "sector");
    e.donor = Label(t, k, "donor", db.regions, "region");
    e.source = t.Cell(k, t.Column("source"));
    e.line = t.lines[k];
    if (e.donor == e.region) t.FailAt(k, "the donor is the region itself (expected another)");
    if (e.source.empty()) t.FailAt(k, "column 'source' is empty (every row needs a source)");
    if (!seen.insert({e.region, e.sector}).second) {
      t.FailAt(k, "(" + db.regions[e.region] + ", " + db.sectors[e.sector] +
                      ") is given twice (one entering technology per region and sector)");
    }
    db.entrants.push_back(e);
  }
}

void CalibrateEntrants(const Database& db, model::ModelData& d) {
  int R = static_cast<int>(db.regions.size()), I = static_cast<int>(db.sectors.size());
  int F = static_cast<int>(db.factors.size());
  d.entrant = model::Table(R, I);
  d.entry_ava = model::Table(R, I);
  d.entry_io = model::Table(R, I, I);
  d.entry_fcoef = model::Table(R, F, I);
  d.p.entry = model::Table(R, I);
  for (const EntrantRow& e : db.entrants) {
    int r = e.region, j = e.sector, s = e.donor;
    if (!(d.x0(r, j) > 0)) {
      FailRow(db, e,
              db.regions[r] +
                  " does not produce the good (expected a good with benchmark output; a "
                  "new variety enters through latent_trade.csv)");
    }
    if (!(d.x0(s, j) > 0)) FailRow(db, e, "the donor does not produce the good");
    CheckInputs(db, e, d);
    // The donor's quantities per unit of output, valued at the host's benchmark prices (its
    // sales taxes included), then scaled to a bundle worth 1 there.
    double cost = d.ava(s, j);
    for (int i = 0; i < I; ++i) cost += d.io(s, i, j) * (1 + d.p.tc(r, i));
    d.entrant(r, j) = 1.0;
    d.entry_ava(r, j) = d.ava(s, j) / cost;
    for (int i = 0; i < I; ++i) d.entry_io(r, i, j) = d.io(s, i, j) / cost;
    for (int f = 0; f < F; ++f) d.entry_fcoef(r, f, j) = d.fcoef(s, f, j);
  }
}

}  // namespace peninsula::calibration
