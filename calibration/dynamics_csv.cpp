// Strict reading of dynamics.csv.
#include "calibration/dynamics_csv.hpp"

#include <algorithm>
#include <cctype>

namespace peninsula::calibration {
namespace {

const std::vector<std::string> kColumns = {"parameter", "region", "factor", "period",
                                           "value",     "unit",   "status", "source"};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "2015" or "2015-2025": four-digit years, the first not after the second.
void ParsePeriod(const CsvTable& t, int row, int column, model::DynamicsRow& out) {
  const std::string& text = t.Cell(row, column);
  auto year = [&](const std::string& s) {
    if (s.size() != 4 || !std::all_of(s.begin(), s.end(), ::isdigit)) {
      t.FailAt(row, "column 'period' holds '" + text +
                        "' (expected a year such as 2020 or a period such as 2015-2025)");
    }
    return std::stoi(s);
  };
  auto dash = text.find('-');
  out.from = year(text.substr(0, dash));
  out.to = dash == std::string::npos ? out.from : year(text.substr(dash + 1));
  if (out.to < out.from) {
    t.FailAt(row, "column 'period' holds '" + text +
                      "' (expected the first year not after the "
                      "second)");
  }
}

std::string Labels(const model::Set& set) {
  std::string s;
  for (const auto& l : set.labels()) s += (s.empty() ? "" : ", ") + l;
  return s;
}

void CheckLabels(const CsvTable& t, int row, const model::ModelSets& sets,
                 const model::DynamicsRow& r) {
  if (!sets.regions.Find(r.region)) {
    t.FailAt(row, "column 'region' holds '" + r.region +
                      "' (expected a region of the data: " + Labels(sets.regions) + ")");
  }
  if (r.parameter == "labour_growth") {
    if (r.factor != "LAB" && !sets.factors.Find(r.factor)) {
      t.FailAt(row, "column 'factor' holds '" + r.factor +
                        "' (expected LAB for all labour, or a factor of the data: " +
                        Labels(sets.factors) + ")");
    }
  } else if (!r.factor.empty()) {
    t.FailAt(row, "column 'factor' holds '" + r.factor + "' (expected it empty for " + r.parameter +
                      "; only labour_growth is by factor)");
  }
}

// Percent units are turned into fractions, so every rate and share is a fraction.
double Value(const CsvTable& t, int row, int value_col, const std::string& unit) {
  double v = ParseNumber(t, row, value_col);
  std::string u = Lower(unit);
  if (u.rfind("%", 0) == 0 || u.rfind("percent", 0) == 0) v /= 100.0;
  return v;
}

void CheckRange(const CsvTable& t, int row, const model::DynamicsRow& r) {
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

bool SameYears(const model::DynamicsRow& a, const model::DynamicsRow& b) {
  auto years = [](const model::DynamicsRow& r) {
    bool rate = model::IsDynamicsRate(r.parameter) && r.from != r.to;
    return std::pair{rate ? r.from + 1 : r.from, r.to};
  };
  auto [a0, a1] = years(a);
  auto [b0, b1] = years(b);
  return a0 <= b1 && b0 <= a1;
}

}  // namespace

model::DynamicsData ReadDynamics(const std::filesystem::path& path, const model::ModelSets& sets) {
  CsvTable t = ReadCsv(path, kColumns);
  model::DynamicsData data;
  data.source = path.string();
  int c[8];
  for (int k = 0; k < 8; ++k) c[k] = t.Column(kColumns[k]);
  for (int row = 0; row < static_cast<int>(t.rows.size()); ++row) {
    model::DynamicsRow r;
    r.parameter = t.Cell(row, c[0]);
    r.region = t.Cell(row, c[1]);
    r.factor = t.Cell(row, c[2]);
    r.unit = t.Cell(row, c[5]);
    r.status = t.Cell(row, c[6]);
    r.origin = t.path + ":" + std::to_string(t.lines[row]);
    if (!model::IsDynamicsParameter(r.parameter)) {
      t.FailAt(row, "column 'parameter' holds '" + r.parameter +
                        "' (expected labour_growth, gdp_growth, depreciation, capital_output, "
                        "investment_share, military_spending_share, soldiers, labour_force or "
                        "tfp_catchup)");
    }
    if (r.status.empty())
      t.FailAt(row,
               "column 'status' is empty (expected how the value was "
               "obtained, or PLACEHOLDER for a gap)");
    if (Lower(r.status).rfind("placeholder", 0) == 0) continue;  // a gap, not data
    CheckLabels(t, row, sets, r);
    ParsePeriod(t, row, c[3], r);
    r.value = Value(t, row, c[4], r.unit);
    CheckRange(t, row, r);
    for (const auto& other : data.rows()) {
      if (other.parameter == r.parameter && other.region == r.region && other.factor == r.factor &&
          SameYears(other, r)) {
        t.FailAt(row, r.parameter + " for " + r.region + (r.factor.empty() ? "" : "," + r.factor) +
                          " covers years that " + other.origin +
                          " covers already (expected "
                          "one value per year)");
      }
    }
    data.Add(std::move(r));
  }
  return data;
}

}  // namespace peninsula::calibration
