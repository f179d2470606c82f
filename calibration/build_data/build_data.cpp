// Orchestration of the database build (see build_data.hpp).
#include "calibration/build_data/build_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>

#include "calibration/build_data/inputs.hpp"
#include "calibration/build_data/writer.hpp"
#include "calibration/build_data/zone_sam.hpp"
#include "calibration/csv.hpp"

namespace peninsula::calibration::build_data {
namespace {

int RegionIndex(const BuildConfig& c, const std::string& name) {
  for (size_t r = 0; r < c.regions.size(); ++r)
    if (c.regions[r] == name) return static_cast<int>(r);
  throw DataError(c.file.string() + ": unknown region '" + name + "'");
}

// Value added at factor cost before estimation: GDP less the product-tax part of revenue
// (or the tariffs, if larger), as region_sam.cpp splits it.
double ValueAddedTotal(const RegionInputs& in) {
  const double product = (1 - in.direct_tax_share) * in.tax_share.value * in.gdp.value;
  return in.gdp.value - product;
}

Sourced ForeignCapitalValue(const BuildConfig& c, const ForeignCapital& f, const RegionInputs& host,
                            const Evaluator& eval) {
  if (f.value) return eval.Million(*f.value);
  const auto cap = std::find(c.factors.begin(), c.factors.end(), "CAP") - c.factors.begin();
  Sourced out{0.0, FormatNumber(f.share) + " (build.toml assumption) x CAP income of " + host.name};
  for (const auto& sector : f.sectors) {
    const auto j = std::find(c.sectors.begin(), c.sectors.end(), sector) - c.sectors.begin();
    if (j == static_cast<long>(c.sectors.size()))
      throw DataError(c.file.string() + ": foreign_capital '" + f.name + "' names unknown sector " +
                      sector);
    out.value +=
        f.share * host.va_share[j].value * ValueAddedTotal(host) * host.factor_share[j][cap].value;
    out.ref +=
        " " + sector + " (" + host.va_share[j].ref + ", " + host.factor_share[j][cap].ref + ")";
  }
  return out;
}

// Foreign-owned capital by (host, owner), in build.toml order, each rounded to whole US$ once:
// the SAM cells are sums of these amounts, so ownership.csv rows add up to them exactly.
std::vector<OwnedCapital> ForeignOwnership(const BuildConfig& c,
                                           const std::vector<RegionInputs>& in,
                                           const Evaluator& eval) {
  std::vector<std::pair<OwnedCapital, double>> pairs;  // value in US$ million
  for (const ForeignCapital& f : c.foreign_capital) {
    const int host = RegionIndex(c, f.host), owner = RegionIndex(c, f.owner);
    const Sourced v = ForeignCapitalValue(c, f, in[host], eval);
    auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) {
      return p.first.host == host && p.first.owner == owner && p.first.factor == f.factor;
    });
    if (it == pairs.end())
      it = pairs.insert(pairs.end(), {OwnedCapital{host, owner, f.factor, 0, ""}, 0.0});
    it->second += v.value;
    it->first.ref += (it->first.ref.empty() ? "" : " + ") + f.name + ": " + v.ref;
  }
  std::vector<OwnedCapital> out;
  for (auto& [owned, million] : pairs) {
    owned.value = ToQuanta(million);
    out.push_back(owned);
  }
  return out;
}

std::vector<RegionFlows> Flows(const BuildConfig& c, const std::vector<OwnedCapital>& owned) {
  std::vector<RegionFlows> flows(c.regions.size());
  for (const OwnedCapital& o : owned) {
    auto add = [&](Sourced& to) {
      to.value += ToMillion(o.value);
      to.ref += (to.ref.empty() ? "" : " + ") + o.ref;
    };
    if (!c.Zone(o.host)) add(flows[o.host].paid_abroad[o.factor]);  // a zone's SAM has its own
    add(flows[o.owner].income_from_abroad);
  }
  return flows;
}

// Every zone region's SAM, with its factor income added to `owned` (labour to the parent,
// capital to the partner) and its value added taken out of the parent's GDP: the parent's
// published GDP is territorial, so parent + zone reproduce it.
std::vector<RegionSam> ZoneSams(const BuildConfig& c, const TradeMatrix& trade,
                                const Evaluator& eval, std::vector<RegionInputs>& in,
                                std::vector<OwnedCapital>& owned) {
  std::vector<RegionSam> sams;
  for (const ZoneRegion& z : c.zone_regions) {
    const int r = RegionIndex(c, z.name), parent = RegionIndex(c, z.parent);
    const Sourced wages = eval.Million(z.wage_bill);
    ZoneIncome income;
    sams.push_back(BuildZoneSam(c, z, trade, r, wages, &income));
    owned.push_back(
        {r, parent, z.labour, income.labour, z.name + " labour income: wage bill " + wages.ref});
    owned.push_back({r, RegionIndex(c, z.partner), z.capital, income.capital,
                     z.name + " capital income: exports - materials - wage bill (trade.csv, " +
                         wages.ref + ")"});
    in[parent].gdp.value -= ToMillion(income.labour + income.capital);
    in[parent].gdp.ref += " - value added of " + z.name;
  }
  return sams;
}

// The importer's tariff as trade.csv would apply it: goods only, none between duty-free pairs.
double LatentTariff(const BuildConfig& c, const std::vector<RegionInputs>& in, int i, int s,
                    int r) {
  const bool good = std::find(c.goods.begin(), c.goods.end(), c.sectors[i]) != c.goods.end();
  const std::string pair = c.regions[s] + "-" + c.regions[r];
  const bool duty_free = std::find(c.tariff_free_pairs.begin(), c.tariff_free_pairs.end(), pair) !=
                         c.tariff_free_pairs.end();
  return good && !duty_free ? in[r].tariff_rate[i].value : 0.0;
}

// The importers' benchmark imports of the commodity, which split a latent value. A flow
// already in the trade matrix cannot be latent, and a market without imports cannot take a
// new source (the engine's Armington nest has no composite import there).
Quanta LatentMarket(const BuildConfig& c, const LatentSpec& l, int i, int s,
                    const TradeMatrix& trade) {
  const auto where = c.file.string() + ": [[latent]] '" + l.name + "': ";
  Quanta market = 0;
  for (const auto& name : l.importers) {
    const int r = RegionIndex(c, name);
    if (trade.value[trade.Id(i, s, r)] != 0)
      throw DataError(where + "flow " + l.sector + " " + l.exporter + "->" + name +
                      " exists in the benchmark trade matrix (leave it out)");
    if (trade.Imports(i, r) <= 0)
      throw DataError(where + name + " imports no " + l.sector + " in the benchmark");
    market += trade.Imports(i, r);
  }
  return market;
}

// One [[latent]] entry: its value split over the importers by their benchmark imports.
std::vector<LatentRow> LatentRows(const BuildConfig& c, const LatentSpec& l,
                                  const std::vector<RegionInputs>& in, const TradeMatrix& trade,
                                  const Evaluator& eval) {
  const int i =
      static_cast<int>(std::find(c.sectors.begin(), c.sectors.end(), l.sector) - c.sectors.begin());
  const int s = RegionIndex(c, l.exporter);
  const Sourced total = eval.Million(l.value);
  const Quanta value = ToQuanta(total.value);
  const Quanta market = LatentMarket(c, l, i, s, trade);
  std::vector<LatentRow> rows;
  Quanta assigned = 0, seen = 0;
  for (const auto& name : l.importers) {
    const int r = RegionIndex(c, name);
    seen += trade.Imports(i, r);
    // Cumulative rounding: the parts sum to `value` exactly.
    const Quanta upto = std::llround(static_cast<double>(value) * static_cast<double>(seen) /
                                     static_cast<double>(market));
    std::string source = l.name + ": " + total.ref + " (estimate; docs/data.md)";
    if (l.importers.size() > 1)
      source += " x " + name + "'s share of the importers' benchmark " + l.sector +
                " imports (trade.csv)";
    rows.push_back({i, s, r, upto - assigned, LatentTariff(c, in, i, s, r), source});
    assigned = upto;
  }
  return rows;
}

std::vector<LatentRow> Latent(const BuildConfig& c, const std::vector<RegionInputs>& in,
                              const TradeMatrix& trade, const Evaluator& eval) {
  std::vector<LatentRow> out;
  for (const LatentSpec& l : c.latent)
    for (auto& row : LatentRows(c, l, in, trade, eval)) out.push_back(std::move(row));
  return out;
}

void WriteFiles(const std::filesystem::path& dir, const std::map<std::string, std::string>& files) {
  std::filesystem::create_directories(dir);
  for (const auto& [name, text] : files) {
    std::ofstream out(dir / name, std::ios::binary);
    out << text;
    if (!out) throw DataError((dir / name).string() + ": cannot write file");
  }
}

}  // namespace

BuiltDatabase BuildVariant(const BuildConfig& c, const Sources& sources, const Variant& v) {
  Evaluator eval(sources, ReadGdp(sources, v));
  std::vector<RegionInputs> inputs;
  for (const auto& spec : v.regions) inputs.push_back(ReadRegionInputs(c, spec, eval));
  BuiltDatabase db;
  db.variant = v.name;
  db.trade = BuildTradeMatrix(c, inputs, eval);
  auto owned = ForeignOwnership(c, inputs, eval);
  std::vector<RegionSam> zones = ZoneSams(c, db.trade, eval, inputs, owned);
  const auto flows = Flows(c, owned);
  for (size_t r = 0; r < inputs.size(); ++r)
    db.sams.push_back(BuildRegionSam(c, inputs[r], db.trade, static_cast<int>(r), flows[r]));
  for (auto& z : zones) db.sams.push_back(std::move(z));
  db.files["regions.csv"] = RegionsCsv(c, v);
  db.files["accounts.csv"] = AccountsCsv(c);
  db.files["factors.csv"] = FactorsCsv(c);
  db.files["sam.csv"] = SamCsv(c, db.sams);
  db.files["trade.csv"] = TradeCsv(c, db.trade);
  db.files["elasticities.csv"] = ElasticitiesCsv(c, sources);
  db.files["ownership.csv"] = OwnershipCsv(c, owned);
  db.files["latent_trade.csv"] = LatentTradeCsv(c, Latent(c, inputs, db.trade, eval));
  db.files["entry.csv"] = EntryCsv(c);
  db.files["zones.csv"] = ZonesCsv(c, sources);
  db.files["controls.csv"] = ControlsCsv(c, db.sams, db.trade);
  db.files["README.md"] = Readme(c, v);
  return db;
}

BuildSummary BuildAndWrite(const BuildConfig& c, const std::filesystem::path& output) {
  const auto start = std::chrono::steady_clock::now();
  BuildSummary summary;
  summary.output = output.empty() ? c.output : output;
  const Sources sources = Sources::Read(c.sources);
  summary.databases.push_back(BuildVariant(c, sources, c.Central()));
  for (const Variant& v : c.variants)
    summary.databases.push_back(v.name == c.central_variant ? summary.databases.front()
                                                            : BuildVariant(c, sources, v));
  // Stage everything, then move it into place: a failure leaves the old files untouched.
  std::filesystem::create_directories(summary.output);
  const auto stage = summary.output / ".build-data.tmp";
  std::filesystem::remove_all(stage);
  try {
    WriteFiles(stage / "main", summary.databases.front().files);
    for (size_t k = 1; k < summary.databases.size(); ++k)
      WriteFiles(stage / "variants" / summary.databases[k].variant, summary.databases[k].files);
    for (const auto& [name, text] : summary.databases.front().files)
      std::filesystem::rename(stage / "main" / name, summary.output / name);
    const auto variants = summary.output / c.variants_dir;
    std::filesystem::remove_all(variants);
    std::filesystem::rename(stage / "variants", variants);
    std::filesystem::remove_all(stage);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(stage, ignored);
    throw;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace peninsula::calibration::build_data
