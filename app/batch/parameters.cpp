// Resolving [[parameter]] entries: labels and wildcards to cells, database values and
// standard deviations to distributions, and writing drawn values back as elasticity rows.
#include "app/batch/parameters.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace peninsula::app::batch {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<int> MatchLabel(const std::string& label, const std::vector<std::string>& set,
                            const char* what, const ParameterSpec& p) {
  std::vector<int> out;
  for (int k = 0; k < static_cast<int>(set.size()); ++k) {
    if (label == "*" || set[k] == label) out.push_back(k);
  }
  if (out.empty()) {
    throw BatchError(p.origin + ": '" + label + "' is not a " + what + " of this database");
  }
  return out;
}

// The row that calibration uses for (parameter, r, i): the most specific one.
const calibration::ElasticityRow* ApplyingRow(const calibration::Database& db,
                                              const std::string& parameter, int r, int i,
                                              int* index) {
  const calibration::ElasticityRow* best = nullptr;
  int best_specificity = -1;
  for (int k = 0; k < static_cast<int>(db.elasticities.size()); ++k) {
    const auto& e = db.elasticities[k];
    if (e.parameter != parameter || (e.region && *e.region != r) || (e.sector && *e.sector != i))
      continue;
    int specificity = 2 * e.region.has_value() + e.sector.has_value();
    if (specificity > best_specificity) best = &e, best_specificity = specificity, *index = k;
  }
  if (best_specificity < 3) *index = -1;
  return best;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Distribution MakeDistribution(const ParameterSpec& p, const Cell& c,
                              const calibration::ElasticityRow& row, const std::string& file) {
  Distribution d;
  d.center = c.base;
  if (p.distribution == DistributionKind::kTriangular) {
    d.kind = Distribution::Kind::kTriangular;
    d.lower = p.spread ? c.base * (1 - *p.spread) : *p.lower;
    d.upper = p.spread ? c.base * (1 + *p.spread) : *p.upper;
  } else {
    if (p.sd) {
      d.sd = *p.sd;
    } else if (p.cv) {
      d.sd = *p.cv * c.base;
    } else if (row.sd) {
      d.sd = *row.sd;
    } else {
      throw BatchError(p.origin + ": " + c.label + " has no standard deviation: its row " + file +
                       ":" + std::to_string(row.line) +
                       " has no 'sd' value; give sd or cv in the batch file");
    }
    d.lower = p.lower.value_or(0.0);
    d.upper = p.upper.value_or(kInf);
  }
  if (d.lower < 0) {
    throw BatchError(p.origin + ": lower bound " + Num(d.lower) + " for " + c.label +
                     " is negative (elasticities are >= 0)");
  }
  if (c.base < d.lower || c.base > d.upper) {
    throw BatchError(p.origin + ": the database value " + Num(c.base) + " of " + c.label +
                     " lies outside [" + Num(d.lower) + ", " + Num(d.upper) + "]");
  }
  return d;
}

void AddCells(const ParameterSpec& p, const calibration::Database& db, ResolvedParameters& out,
              std::map<std::string, std::string>& owner) {
  std::vector<int> regions = MatchLabel(p.index[0], db.regions, "region", p);
  std::vector<int> sectors = MatchLabel(p.index[1], db.sectors, "sector", p);
  std::string file = (db.directory / "elasticities.csv").string();
  Dimension common{p.name + "(" + p.index[0] + "," + p.index[1] + ")", {}};
  for (int r : regions) {
    for (int i : sectors) {
      Cell c{p.name + "(" + db.regions[r] + "," + db.sectors[i] + ")", p.name, r, i, 0, {}, -1};
      const auto* row = ApplyingRow(db, p.name, r, i, &c.exact_row);
      if (!row) throw BatchError(p.origin + ": the database has no value for " + c.label);
      if (std::isinf(row->value)) continue;  // no CET here: nothing to draw
      c.base = row->value;
      c.distribution = MakeDistribution(p, c, *row, file);
      if (auto [it, fresh] = owner.emplace(c.label, p.origin); !fresh) {
        throw BatchError(p.origin + ": " + c.label + " is also drawn by the entry at " +
                         it->second);
      }
      int index = static_cast<int>(out.cells.size());
      out.cells.push_back(c);
      if (p.each) {
        out.dimensions.push_back({c.label, {index}});
      } else {
        common.cells.push_back(index);
      }
    }
  }
  if (!p.each && !common.cells.empty()) out.dimensions.push_back(common);
}

}  // namespace

ResolvedParameters ResolveParameters(const std::vector<ParameterSpec>& specs,
                                     const calibration::Database& db) {
  ResolvedParameters out;
  std::map<std::string, std::string> owner;
  for (const auto& p : specs) {
    std::size_t before = out.cells.size();
    AddCells(p, db, out, owner);
    if (out.cells.size() == before) {
      throw BatchError(p.origin + ": " + p.name + "(" + p.index[0] + "," + p.index[1] +
                       ") matches no finite elasticity (every cell is inf: no CET)");
    }
  }
  return out;
}

void ApplyCellValues(const ResolvedParameters& resolved, const std::vector<double>& values,
                     const std::vector<calibration::ElasticityRow>& base_rows,
                     calibration::Database& db) {
  db.elasticities = base_rows;
  for (std::size_t c = 0; c < resolved.cells.size(); ++c) {
    const Cell& cell = resolved.cells[c];
    if (cell.exact_row >= 0) {
      db.elasticities[cell.exact_row].value = values[c];
      continue;
    }
    calibration::ElasticityRow row;
    row.region = cell.region;
    row.sector = cell.sector;
    row.parameter = cell.parameter;
    row.value = values[c];
    row.source = "batch draw";
    row.line = 0;
    db.elasticities.push_back(row);
  }
}

}  // namespace peninsula::app::batch
