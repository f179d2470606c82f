// Reading the region inputs and evaluating quantities (see inputs.hpp).
#include "calibration/build_data/inputs.hpp"
#include "calibration/build_data/quanta.hpp"

#include <algorithm>
#include <cmath>

#include "calibration/csv.hpp"

namespace peninsula::calibration::build_data {
namespace {

[[noreturn]] void Bad(const Selector& s, const SourceRow& r, const std::string& what) {
  throw DataError((s.origin.empty() ? "" : s.origin + ": ") + r.Ref() + " (" + r.indicator +
                  "): " + what);
}

Selector Sel(const std::string& file, const std::string& indicator, const std::string& region,
             const std::string& sector = "", const std::string& factor = "",
             const std::string& origin = "") {
  Selector s;
  s.file = file;
  s.indicator = indicator;
  s.region = region;
  s.sector = sector;
  s.factor = factor;
  s.origin = origin;
  return s;
}

// Fractions of a whole that must sum to ~1; scaled to sum to exactly 1 (the sources round).
void Normalise(std::vector<Sourced>& parts, const std::string& what, const std::string& origin) {
  double sum = 0;
  for (const auto& p : parts) sum += p.value;
  if (std::abs(sum - 1.0) > 2e-3)
    throw DataError(origin + ": " + what + " sum to " + std::to_string(sum) + " (expected 1)");
  for (auto& p : parts) p.value /= sum;
}

}  // namespace

Sourced Evaluator::Raw(const Selector& s) const {
  const SourceRow& r = sources_.One(s);
  return {r.value, r.Ref()};
}

Sourced Evaluator::Million(const Selector& s) const {
  const SourceRow& r = sources_.One(s);
  if (r.unit == "USD bn") return {r.value * 1000.0, r.Ref()};
  if (r.unit == "USD million") return {r.value, r.Ref()};
  Bad(s, r, "unit '" + r.unit + "' is not a US$ amount (expected USD bn or USD million)");
}

Sourced Evaluator::Million(const Quantity& q) const {
  Sourced out;
  for (const Term& t : q.terms) {
    Sourced part;
    if (t.percent_of_gdp.empty()) {
      part = Million(t.row);
    } else {
      const SourceRow& r = sources_.One(t.row);
      if (r.unit.rfind("percent", 0) != 0) Bad(t.row, r, "expected a percentage of GDP");
      auto g = gdp_.find(t.percent_of_gdp);
      if (g == gdp_.end())
        throw DataError(q.origin + ": percent_of_gdp names unknown region " + t.percent_of_gdp);
      part = {r.value / 100.0 * g->second, r.Ref() + "% x GDP " + t.percent_of_gdp};
    }
    if (t.share != 1.0) part = {part.value * t.share, FormatNumber(t.share) + " x " + part.ref};
    out.value += t.sign * part.value;
    out.ref +=
        (out.ref.empty() ? (t.sign < 0 ? "-" : "") : (t.sign < 0 ? " - " : " + ")) + part.ref;
  }
  return out;
}

std::map<std::string, double> ReadGdp(const Sources& sources, const Variant& variant) {
  Evaluator eval(sources, {});
  std::map<std::string, double> gdp;
  for (const auto& r : variant.regions) gdp[r.name] = eval.Million(r.gdp).value;
  return gdp;
}

RegionInputs ReadRegionInputs(const BuildConfig& c, const RegionSpec& spec, const Evaluator& eval) {
  RegionInputs in;
  in.name = spec.name;
  in.gdp = eval.Million(spec.gdp);
  const std::string& o = spec.origin;
  for (const auto& sector : c.sectors) {
    Sourced va = eval.Raw(Sel("value_added.csv", spec.va_indicator, spec.structure, sector, "", o));
    in.va_share.push_back({va.value / 100.0, va.ref});
    Sourced ii = eval.Raw(
        Sel("intermediate_shares.csv", spec.intermediate_indicator, spec.structure, sector, "", o));
    if (ii.value <= 0 || ii.value >= 1)
      throw DataError(o + ": " + ii.ref + ": intermediate share of " + sector + " not in (0, 1)");
    in.intermediate_share.push_back(ii);
    std::vector<Sourced> shares;
    for (const auto& f : c.factors)
      shares.push_back(
          eval.Raw(Sel("factor_shares.csv", spec.factor_indicator, spec.structure, sector, f, o)));
    Normalise(shares, "factor shares of " + spec.structure + " " + sector, o);
    in.factor_share.push_back(std::move(shares));
  }
  Normalise(in.va_share, "value-added shares of " + spec.structure, o);
  in.consumption = eval.Raw(Sel("macro.csv", "c_share_gdp", spec.expenditure, "", "", o));
  in.government = eval.Raw(Sel("macro.csv", "g_share_gdp", spec.expenditure, "", "", o));
  in.investment = eval.Raw(Sel("macro.csv", "gcf_share_gdp", spec.expenditure, "", "", o));
  std::vector<Sourced> cgi = {in.consumption, in.government, in.investment};
  double sum = cgi[0].value + cgi[1].value + cgi[2].value;
  in.consumption.value /= sum;
  in.government.value /= sum;
  in.investment.value /= sum;
  Sourced tax = eval.Raw(spec.tax_share);
  in.tax_share = {tax.value / 100.0, tax.ref};
  in.direct_tax_share = spec.direct_tax_share;
  in.tariff_rate.assign(c.sectors.size(), {0.0, "no tariff (build.toml " + o + ")"});
  for (size_t i = 0; i < c.sectors.size(); ++i) {
    const std::string& sector = c.sectors[i];
    if (std::find(c.goods.begin(), c.goods.end(), sector) == c.goods.end()) continue;
    const Selector* sel = spec.tariff ? &*spec.tariff : nullptr;
    for (const auto& [good, s] : spec.tariffs)
      if (good == sector) sel = &s;
    if (!sel) continue;
    Sourced t = eval.Raw(*sel);
    if (!(t.value >= 0 && t.value < 1000))
      throw DataError(sel->origin + ": " + t.ref + ": tariff of " + sector + " not in [0, 1000) %");
    in.tariff_rate[i] = {t.value / 100.0, t.ref};
  }
  return in;
}

std::vector<double> GrossOutputPrior(const RegionInputs& in) {
  std::vector<double> out;
  for (size_t j = 0; j < in.va_share.size(); ++j)
    out.push_back(in.va_share[j].value * in.gdp.value / (1.0 - in.intermediate_share[j].value));
  return out;
}

}  // namespace peninsula::calibration::build_data
