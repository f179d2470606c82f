// Strict reading of dynamics.csv and the lookup rules of docs/dynamics.md.
#include "calibration/dynamics_csv.hpp"

#include <algorithm>
#include <cctype>

namespace peninsula::calibration {
namespace {

const std::vector<std::string> kColumns = {"parameter", "region", "factor", "period",
                                           "value",     "unit",   "status", "source"};

const std::vector<std::pair<std::string, bool>>& Parameters() {
  static const std::vector<std::pair<std::string, bool>> names = {
      {"labour_growth", true},   {"gdp_growth", true},        {"depreciation", true},
      {"capital_output", false}, {"investment_share", false}, {"military_spending_share", false},
      {"soldiers", false},       {"labour_force", false},     {"tfp_catchup", false}};
  return names;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

void ParsePeriod(const CsvTable& t, int row, int column, DynamicsRow& out) {
  const std::string& text = t.Cell(row, column);
  auto year = [&](const std::string& s) {
    // isdigit() of a negative char (a byte of UTF-8) is undefined: test unsigned chars.
    auto digit = [](unsigned char ch) { return std::isdigit(ch) != 0; };
    if (s.size() != 4 || !std::all_of(s.begin(), s.end(), digit)) {
      t.FailAt(row, "column 'period' holds '" + text +
                        "' (expected a year such as 2020, a period such as 2015-2025, or "
                        "pre-1986)");
    }
    return std::stoi(s);
  };
  if (text.rfind("pre-", 0) == 0) {
    out.from = INT_MIN;
    out.to = year(text.substr(4)) - 1;
    return;
  }
  auto dash = text.find('-');
  out.from = year(text.substr(0, dash));
  out.to = dash == std::string::npos ? out.from : year(text.substr(dash + 1));
  if (out.to < out.from) {
    t.FailAt(row,
             "column 'period' holds '" + text + "' (expected the first year not after the second)");
  }
}

std::string Labels(const model::Set& set) {
  std::string s;
  for (const auto& l : set.labels()) s += (s.empty() ? "" : ", ") + l;
  return s;
}

void CheckLabels(const CsvTable& t, int row, const model::ModelSets& sets, const DynamicsRow& r) {
  if (r.region != "*" && !sets.regions.Find(r.region)) {
    t.FailAt(row, "column 'region' holds '" + r.region + "' (expected a region of the data: " +
                      Labels(sets.regions) + ", or * for any region)");
  }
  if (!r.factor.empty() && r.factor != "LAB" && !sets.factors.Find(r.factor)) {
    t.FailAt(row, "column 'factor' holds '" + r.factor +
                      "' (expected empty, LAB for all labour, or a factor of the data: " +
                      Labels(sets.factors) + ")");
  }
}

void CheckRange(const CsvTable& t, int row, const DynamicsRow& r) {
  const std::string& p = r.parameter;
  const double v = r.value;
  auto fail = [&](const char* expected) {
    t.FailAt(row, "column 'value' holds " + t.Cell(row, t.Column("value")) + " for " + p +
                      " (expected " + expected + ")");
  };
  if ((p == "labour_growth" || p == "gdp_growth") && !(v > -1.0)) fail("a growth rate above -1");
  if (p == "depreciation" && !(v >= 0.0 && v < 1.0)) fail("a rate in [0, 1)");
  if (p == "capital_output" && !(v > 0.0)) fail("a ratio above 0");
  if ((p == "investment_share" || p == "military_spending_share") && !(v >= 0.0 && v <= 1.0))
    fail("a share in [0, 1]");
  if ((p == "soldiers" || p == "tfp_catchup") && !(v >= 0.0)) fail("a value >= 0");
  if (p == "labour_force" && !(v > 0.0)) fail("a value above 0");
}

// Labour growth by factor: the factor's own rows, or (`general`) rows for all labour.
bool FactorMatches(const DynamicsRow& r, const std::string& factor, bool general) {
  if (r.parameter != "labour_growth") return !general;
  return general ? r.factor == "LAB" || r.factor.empty() : r.factor == factor;
}

// The one row of `found`; two rows with different values are an error.
const DynamicsRow* Single(const std::vector<const DynamicsRow*>& found, const std::string& what) {
  for (const auto* r : found) {
    if (r->value != found.front()->value) {
      throw DataError(found.front()->origin + ": " + what + " is given here as " +
                      std::to_string(found.front()->value) + " and at " + r->origin + " as " +
                      std::to_string(r->value) +
                      " (expected one value: remove or mark PLACEHOLDER the one not to use)");
    }
  }
  return found.empty() ? nullptr : found.front();
}

}  // namespace

bool IsDynamicsParameter(const std::string& name) {
  const auto& p = Parameters();
  return std::any_of(p.begin(), p.end(), [&](const auto& e) { return e.first == name; });
}

bool IsDynamicsRate(const std::string& name) {
  for (const auto& [n, rate] : Parameters())
    if (n == name) return rate;
  return false;
}

bool IsYearlyUnit(const std::string& unit) {
  std::string u = Lower(unit);
  return u.find("/yr") != std::string::npos || u.find("per year") != std::string::npos ||
         u.find("/year") != std::string::npos;
}

const DynamicsRow* DynamicsData::FindFor(const std::string& parameter, const std::string& region,
                                         const std::string& factor, int year, const Accept& accept,
                                         bool general) const {
  const bool rate = IsDynamicsRate(parameter);
  std::vector<const DynamicsRow*> covering, before;
  for (const auto& r : rows_) {
    if (r.parameter != parameter || r.region != region || !FactorMatches(r, factor, general))
      continue;
    if (accept && !accept(r)) continue;
    const bool single = r.from == r.to;
    const bool covers =
        single ? r.from == year : ((rate ? r.from < year : r.from <= year) && year <= r.to);
    if (covers) covering.push_back(&r);
    if (single && r.from < year) before.push_back(&r);
  }
  std::string what = parameter + " for " + region + " in " + std::to_string(year);
  if (!covering.empty()) return Single(covering, what);
  int latest = INT_MIN;
  for (const auto* r : before) latest = std::max(latest, r->from);
  std::erase_if(before, [&](const DynamicsRow* r) { return r->from != latest; });
  return Single(before, what);
}

const DynamicsRow* DynamicsData::Find(const std::string& parameter, const std::string& region,
                                      const std::string& factor, int year,
                                      const Accept& accept) const {
  // The most specific rows first: the region's for the factor, for all labour, then '*'s.
  for (const std::string& where : {region, std::string("*")}) {
    for (bool general : {false, true}) {
      if (const DynamicsRow* r = FindFor(parameter, where, factor, year, accept, general)) return r;
    }
  }
  return nullptr;
}

DynamicsData ReadDynamics(const std::filesystem::path& path, const model::ModelSets& sets) {
  CsvTable t = ReadCsv(path, kColumns);
  DynamicsData data;
  data.source = path.string();
  int c[8];
  for (int k = 0; k < 8; ++k) c[k] = t.Column(kColumns[k]);
  for (int row = 0; row < static_cast<int>(t.rows.size()); ++row) {
    DynamicsRow r;
    r.parameter = t.Cell(row, c[0]);
    r.region = t.Cell(row, c[1]);
    r.factor = t.Cell(row, c[2]);
    r.unit = t.Cell(row, c[5]);
    r.status = t.Cell(row, c[6]);
    r.origin = t.path + ":" + std::to_string(t.lines[row]);
    if (!IsDynamicsParameter(r.parameter)) {
      t.FailAt(row, "column 'parameter' holds '" + r.parameter +
                        "' (expected labour_growth, gdp_growth, depreciation, capital_output, "
                        "investment_share, military_spending_share, soldiers, labour_force or "
                        "tfp_catchup)");
    }
    if (r.status.empty()) {
      t.FailAt(row,
               "column 'status' is empty (expected how the value was obtained, or "
               "PLACEHOLDER for a gap)");
    }
    if (Lower(r.status).rfind("placeholder", 0) == 0) continue;  // a gap, not data
    CheckLabels(t, row, sets, r);
    ParsePeriod(t, row, c[3], r);
    r.value = ParseNumber(t, row, c[4]);
    const std::string u = Lower(r.unit);
    if (u.rfind("%", 0) == 0 || u.rfind("percent", 0) == 0) r.value /= 100.0;
    CheckRange(t, row, r);
    data.Add(std::move(r));
  }
  return data;
}

}  // namespace peninsula::calibration
