// Reading build.toml (see build_config.hpp). Strict: unknown keys, wrong types and missing
// keys are errors that name build.toml:line.
#include "calibration/build_data/build_config.hpp"

#include <algorithm>
#include <set>
#include <toml++/toml.h>

#include "calibration/csv.hpp"
#include "io/input_file.hpp"
#include "io/toml_context.hpp"

namespace peninsula::calibration::build_data {
namespace {

class Reader : public io::TomlContext<DataError> {
 public:
  using TomlContext::TomlContext;

  const toml::table& Table(const toml::table& t, const char* key, const std::string& ctx) const {
    const toml::table* sub = t[key].as_table();
    if (!sub) Fail(t, ctx + " lacks the table '" + key + "'");
    return *sub;
  }

  std::string String(const toml::table& t, const char* key, const std::string& ctx,
                     std::optional<std::string> fallback = std::nullopt) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (fallback) return *fallback;
      Fail(t, ctx + " lacks the string '" + key + "'");
    }
    auto v = n->value<std::string>();
    if (!v) Fail(*n, "'" + std::string(key) + "' in " + ctx + " must be a string");
    return *v;
  }

  double Number(const toml::table& t, const char* key, const std::string& ctx,
                std::optional<double> fallback = std::nullopt) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (fallback) return *fallback;
      Fail(t, ctx + " lacks the number '" + key + "'");
    }
    if (!n->is_number()) Fail(*n, "'" + std::string(key) + "' in " + ctx + " must be a number");
    return ToDouble(*n);
  }

  std::vector<std::string> Strings(const toml::table& t, const char* key, const std::string& ctx,
                                   bool required = true) const {
    const toml::node* n = t.get(key);
    std::vector<std::string> out;
    if (!n) {
      if (required) Fail(t, ctx + " lacks the list '" + key + "'");
      return out;
    }
    const toml::array* a = n->as_array();
    if (!a) Fail(*n, "'" + std::string(key) + "' in " + ctx + " must be a list of strings");
    for (const auto& item : *a) {
      auto s = item.value<std::string>();
      if (!s) Fail(item, "'" + std::string(key) + "' in " + ctx + " must hold strings only");
      out.push_back(*s);
    }
    return out;
  }

  Selector ReadSelector(const toml::node& node, const std::string& ctx) const {
    const toml::table* t = node.as_table();
    if (!t) Fail(node, ctx + " must be a source selector { indicator = ..., region = ... }");
    CheckKeys(*t, {"file", "indicator", "region", "partner", "sector", "factor", "year", "note"},
              ctx);
    Selector s;
    s.origin = Where(node);
    s.indicator = String(*t, "indicator", ctx);
    s.file = String(*t, "file", ctx, "");
    s.region = String(*t, "region", ctx, "");
    s.partner = String(*t, "partner", ctx, "");
    s.sector = String(*t, "sector", ctx, "");
    s.factor = String(*t, "factor", ctx, "");
    s.year = String(*t, "year", ctx, "");
    s.note = String(*t, "note", ctx, "");
    return s;
  }

  Quantity ReadQuantity(const toml::table& t, const char* key, const std::string& ctx) const {
    const toml::node* n = t.get(key);
    if (!n || !n->as_array()) Fail(n ? *n : t, ctx + " needs '" + key + "', a list of terms");
    Quantity q;
    q.origin = Where(*n);
    for (const auto& item : *n->as_array()) {
      const toml::table* term = item.as_table();
      if (!term) Fail(item, "a term of '" + std::string(key) + "' must be a table { row = ... }");
      CheckKeys(*term, {"row", "sign", "share", "percent_of_gdp"}, "a term of " + ctx);
      const toml::node* row = term->get("row");
      if (!row) Fail(item, "a term of " + ctx + " lacks 'row'");
      Term x;
      x.row = ReadSelector(*row, "row");
      x.sign = Number(*term, "sign", ctx, 1.0);
      if (x.sign != 1.0 && x.sign != -1.0) Fail(item, "'sign' must be 1 or -1");
      x.share = Number(*term, "share", ctx, 1.0);
      if (!(x.share > 0 && x.share <= 1)) Fail(item, "'share' must be in (0, 1]");
      x.percent_of_gdp = String(*term, "percent_of_gdp", ctx, "");
      q.terms.push_back(std::move(x));
    }
    if (q.terms.empty()) Fail(*n, ctx + ": '" + key + "' lists no terms");
    return q;
  }
};

// `tariffs = { AGR = { indicator = ... }, ... }`: a rate for every good, in [sets] goods order.
std::vector<std::pair<std::string, Selector>> ReadTariffs(const Reader& rd, const BuildConfig& c,
                                                          const toml::node& node,
                                                          const std::string& ctx) {
  const toml::table* t = node.as_table();
  if (!t) rd.Fail(node, ctx + " tariffs must be a table { AGR = { indicator = ... }, ... }");
  for (const auto& [key, value] : *t) {
    if (std::find(c.goods.begin(), c.goods.end(), std::string(key.str())) == c.goods.end())
      rd.Fail(value, ctx + " tariffs: '" + std::string(key.str()) + "' is not a good of [sets]");
  }
  std::vector<std::pair<std::string, Selector>> out;
  for (const auto& good : c.goods) {
    const toml::node* sel = t->get(good);
    if (!sel) rd.Fail(node, ctx + " tariffs lists no rate for the good " + good);
    out.emplace_back(good, rd.ReadSelector(*sel, ctx + " tariffs." + good));
  }
  return out;
}

RegionSpec ReadRegion(const Reader& rd, const BuildConfig& c, const std::string& name,
                      const toml::table& t) {
  const std::string ctx = "[regions." + name + "]";
  rd.CheckKeys(t,
               {"gdp", "structure", "expenditure", "tax_share", "direct_tax_share", "tariff",
                "tariffs", "va_indicator", "factor_indicator", "intermediate_indicator"},
               ctx);
  RegionSpec r;
  r.name = name;
  r.origin = rd.Where(t);
  if (!t.get("gdp")) rd.Fail(t, ctx + " lacks 'gdp'");
  r.gdp = rd.ReadSelector(*t.get("gdp"), ctx + " gdp");
  if (!t.get("tax_share")) rd.Fail(t, ctx + " lacks 'tax_share'");
  r.tax_share = rd.ReadSelector(*t.get("tax_share"), ctx + " tax_share");
  if (t.get("tariff") && t.get("tariffs"))
    rd.Fail(*t.get("tariffs"), ctx + " gives both 'tariff' and 'tariffs'; keep one");
  if (t.get("tariff")) r.tariff = rd.ReadSelector(*t.get("tariff"), ctx + " tariff");
  if (t.get("tariffs")) r.tariffs = ReadTariffs(rd, c, *t.get("tariffs"), ctx);
  r.structure = rd.String(t, "structure", ctx);
  r.expenditure = rd.String(t, "expenditure", ctx);
  r.va_indicator = rd.String(t, "va_indicator", ctx, r.va_indicator);
  r.factor_indicator = rd.String(t, "factor_indicator", ctx, r.factor_indicator);
  r.intermediate_indicator = rd.String(t, "intermediate_indicator", ctx, r.intermediate_indicator);
  r.direct_tax_share = rd.Number(t, "direct_tax_share", ctx);
  if (r.direct_tax_share < 0 || r.direct_tax_share > 1)
    rd.Fail(*t.get("direct_tax_share"), "direct_tax_share must lie in [0, 1]");
  return r;
}

std::vector<RegionSpec> ReadRegions(const Reader& rd, const BuildConfig& c,
                                    const toml::table& regions, const toml::table* overrides) {
  std::vector<RegionSpec> out;
  if (overrides) {
    for (const auto& [key, node] : *overrides) {
      if (std::find(c.regions.begin(), c.regions.end(), std::string(key.str())) == c.regions.end())
        rd.Fail(node, "variant overrides unknown region '" + std::string(key.str()) + "'");
    }
  }
  for (int r = 0; r < static_cast<int>(c.regions.size()); ++r) {
    if (c.Zone(r)) continue;  // a zone's accounts are written down, not estimated from [regions]
    const std::string& name = c.regions[r];
    const toml::table* base = regions[name].as_table();
    if (!base) rd.Fail(regions, "[regions] lacks the table [regions." + name + "]");
    toml::table merged = *base;
    const toml::table* over = overrides ? (*overrides)[name].as_table() : nullptr;
    if (over) {
      for (const auto& [key, node] : *over) merged.insert_or_assign(key, node);
    }
    out.push_back(ReadRegion(rd, c, name, merged));
  }
  return out;
}

void ReadSets(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::table& sets = rd.Table(root, "sets", "build.toml");
  rd.CheckKeys(sets,
               {"regions", "sectors", "factors", "specific_factors", "goods", "traded_services"},
               "[sets]");
  c.regions = rd.Strings(sets, "regions", "[sets]");
  c.sectors = rd.Strings(sets, "sectors", "[sets]");
  c.factors = rd.Strings(sets, "factors", "[sets]");
  c.specific_factors = rd.Strings(sets, "specific_factors", "[sets]");
  c.goods = rd.Strings(sets, "goods", "[sets]");
  c.traded_services = rd.Strings(sets, "traded_services", "[sets]");
  const toml::table& pri = rd.Table(root, "priors", "build.toml");
  rd.CheckKeys(pri, {"consumption", "government", "investment", "tariff_free_pairs"}, "[priors]");
  c.consumption = rd.Strings(pri, "consumption", "[priors]");
  c.government = rd.Strings(pri, "government", "[priors]");
  c.investment = rd.Strings(pri, "investment", "[priors]");
  c.tariff_free_pairs = rd.Strings(pri, "tariff_free_pairs", "[priors]", false);
}

void ReadTrade(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::table& trade = rd.Table(root, "trade", "build.toml");
  rd.CheckKeys(trade,
               {"inter_korean", "zero", "target", "services_numerator", "services_denominator"},
               "[trade]");
  for (const char* k : {"services_numerator", "services_denominator"})
    if (!trade.get(k)) rd.Fail(trade, std::string("[trade] lacks '") + k + "'");
  c.services_numerator = rd.ReadSelector(*trade.get("services_numerator"), "services_numerator");
  c.services_denominator =
      rd.ReadSelector(*trade.get("services_denominator"), "services_denominator");
  const toml::table& ik = rd.Table(trade, "inter_korean", "[trade]");
  rd.CheckKeys(
      ik,
      {"north_to_south", "south_to_north", "two_way_total", "items", "remainder_sector", "north"},
      "[trade.inter_korean]");
  c.inter_korean.north = rd.String(ik, "north", "[trade.inter_korean]", "PRK");
  for (const char* k : {"north_to_south", "south_to_north", "two_way_total", "items"})
    if (!ik.get(k)) rd.Fail(ik, std::string("[trade.inter_korean] lacks '") + k + "'");
  c.inter_korean.north_to_south = rd.ReadSelector(*ik.get("north_to_south"), "north_to_south");
  c.inter_korean.south_to_north = rd.ReadSelector(*ik.get("south_to_north"), "south_to_north");
  c.inter_korean.two_way_total = rd.ReadSelector(*ik.get("two_way_total"), "two_way_total");
  c.inter_korean.remainder_sector = rd.String(ik, "remainder_sector", "[trade.inter_korean]");
  for (const auto& item : *ik.get("items")->as_array()) {
    const toml::table* t = item.as_table();
    if (!t) rd.Fail(item, "an item must be { sector = ..., row = ... }");
    rd.CheckKeys(*t, {"sector", "row"}, "an inter-Korean item");
    if (!t->get("row")) rd.Fail(item, "an inter-Korean item lacks 'row'");
    c.inter_korean.items.emplace_back(rd.String(*t, "sector", "an inter-Korean item"),
                                      rd.ReadSelector(*t->get("row"), "row"));
  }
  if (const toml::array* zs = trade["zero"].as_array()) {
    for (const auto& z : *zs) {
      const toml::table& t = *z.as_table();
      rd.CheckKeys(t, {"exporter", "sectors", "reason"}, "[[trade.zero]]");
      c.zero_flows.push_back({rd.String(t, "exporter", "[[trade.zero]]"),
                              rd.Strings(t, "sectors", "[[trade.zero]]"),
                              rd.String(t, "reason", "[[trade.zero]]")});
    }
  }
  if (const toml::array* ts = trade["target"].as_array()) {
    for (const auto& node : *ts) {
      const toml::table& t = *node.as_table();
      const std::string ctx = "[[trade.target]]";
      rd.CheckKeys(t, {"name", "exporters", "importers", "sectors", "value"}, ctx);
      TradeTarget x;
      x.name = rd.String(t, "name", ctx);
      x.exporters = rd.Strings(t, "exporters", ctx);
      x.importers = rd.Strings(t, "importers", ctx);
      x.sectors = rd.Strings(t, "sectors", ctx);
      x.value = rd.ReadQuantity(t, "value", ctx + " '" + x.name + "'");
      c.trade_targets.push_back(std::move(x));
    }
  }
}

void ReadForeignCapital(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::array* list = root["foreign_capital"].as_array();
  if (!list) return;
  for (const auto& node : *list) {
    const toml::table& t = *node.as_table();
    const std::string ctx = "[[foreign_capital]]";
    rd.CheckKeys(t, {"name", "host", "owner", "factor", "value", "share", "sectors"}, ctx);
    ForeignCapital f;
    f.name = rd.String(t, "name", ctx);
    f.factor = rd.String(t, "factor", ctx, "CAP");
    f.host = rd.String(t, "host", ctx);
    f.owner = rd.String(t, "owner", ctx);
    if (t.get("value")) f.value = rd.ReadQuantity(t, "value", ctx + " '" + f.name + "'");
    f.share = rd.Number(t, "share", ctx, 0.0);
    f.sectors = rd.Strings(t, "sectors", ctx, false);
    if (f.value.has_value() == (f.share > 0))
      rd.Fail(t, ctx + " '" + f.name + "' needs either 'value' or 'share' with 'sectors'");
    c.foreign_capital.push_back(std::move(f));
  }
}

void ReadLatent(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::array* list = root["latent"].as_array();
  if (!list) return;
  for (const auto& node : *list) {
    const toml::table& t = *node.as_table();
    const std::string ctx = "[[latent]]";
    rd.CheckKeys(t, {"name", "sector", "exporter", "importers", "value"}, ctx);
    LatentSpec l;
    l.name = rd.String(t, "name", ctx);
    l.sector = rd.String(t, "sector", ctx);
    l.exporter = rd.String(t, "exporter", ctx);
    l.importers = rd.Strings(t, "importers", ctx);
    if (l.importers.empty()) rd.Fail(t, ctx + " '" + l.name + "' lists no importers");
    l.value = rd.ReadQuantity(t, "value", ctx + " '" + l.name + "'");
    c.latent.push_back(std::move(l));
  }
}

void ReadEntrants(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::array* list = root["entry"].as_array();
  if (!list) return;
  for (const auto& node : *list) {
    const toml::table& t = *node.as_table();
    const std::string ctx = "[[entry]]";
    rd.CheckKeys(t, {"region", "sector", "donor", "source"}, ctx);
    EntrySpec e;
    e.region = rd.String(t, "region", ctx);
    e.sector = rd.String(t, "sector", ctx);
    e.donor = rd.String(t, "donor", ctx);
    e.source = rd.String(t, "source", ctx);
    if (e.source.empty()) rd.Fail(t, ctx + " needs a non-empty 'source'");
    c.entrants.push_back(std::move(e));
  }
}

void ReadZones(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::array* list = root["zone"].as_array();
  if (!list) return;
  for (const auto& node : *list) {
    const toml::table& t = *node.as_table();
    const std::string ctx = "[[zone]]";
    rd.CheckKeys(t, {"zone", "item", "sector", "row", "unit", "status", "note", "capital_owner"},
                 ctx);
    ZoneItem z;
    z.zone = rd.String(t, "zone", ctx);
    z.item = rd.String(t, "item", ctx);
    z.sector = rd.String(t, "sector", ctx, "");
    z.capital_owner = rd.String(t, "capital_owner", ctx, "");
    z.unit = rd.String(t, "unit", ctx, "");
    z.status = rd.String(t, "status", ctx, "");
    z.note = rd.String(t, "note", ctx, "");
    if (t.get("row")) z.row = rd.ReadSelector(*t.get("row"), ctx + " row");
    if (!z.row && z.status.empty())
      rd.Fail(t, ctx + " without a source row needs a status (e.g. not_found or estimate)");
    c.zones.push_back(std::move(z));
  }
}

void ReadZoneRegions(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::array* list = root["zone_region"].as_array();
  if (!list) return;
  for (const auto& node : *list) {
    const toml::table& t = *node.as_table();
    const std::string ctx = "[[zone_region]]";
    rd.CheckKeys(t, {"name", "description", "parent", "partner", "labour", "capital", "wage_bill"},
                 ctx);
    ZoneRegion z;
    z.name = rd.String(t, "name", ctx);
    z.description = rd.String(t, "description", ctx);
    z.parent = rd.String(t, "parent", ctx);
    z.partner = rd.String(t, "partner", ctx);
    z.labour = rd.String(t, "labour", ctx);
    z.capital = rd.String(t, "capital", ctx);
    if (!t.get("wage_bill")) rd.Fail(t, ctx + " '" + z.name + "' lacks 'wage_bill'");
    z.wage_bill = rd.ReadSelector(*t.get("wage_bill"), "wage_bill");
    z.origin = rd.Where(t);
    if (std::find(c.regions.begin(), c.regions.end(), z.name) != c.regions.end())
      rd.Fail(t, ctx + " '" + z.name + "' is already a region");
    c.regions.push_back(z.name);
    c.zone_regions.push_back(std::move(z));
  }
}

void ReadVariants(const Reader& rd, const toml::table& root, BuildConfig& c) {
  const toml::table& regions = rd.Table(root, "regions", "build.toml");
  const toml::array* list = root["variant"].as_array();
  if (!list || list->empty()) rd.Fail(root, "build.toml needs at least one [[variant]]");
  std::set<std::string> names;
  for (const auto& node : *list) {
    const toml::table& t = *node.as_table();
    rd.CheckKeys(t, {"name", "description", "regions"}, "[[variant]]");
    Variant v;
    v.name = rd.String(t, "name", "[[variant]]");
    v.description = rd.String(t, "description", "[[variant]]");
    if (v.name.empty() || v.name.find_first_of("/\\. ") != std::string::npos)
      rd.Fail(t, "variant name '" + v.name + "' must be a plain directory name");
    if (!names.insert(v.name).second) rd.Fail(t, "variant '" + v.name + "' is defined twice");
    v.regions = ReadRegions(rd, c, regions, t["regions"].as_table());
    c.variants.push_back(std::move(v));
  }
  if (!names.count(c.central_variant))
    rd.Fail(root, "central_variant '" + c.central_variant + "' is not among the [[variant]]s");
}

// Every set member named anywhere must be declared in [sets], so a typo is an error here and
// not a silently empty group later.
void CheckNames(const BuildConfig& c) {
  auto check = [&](const std::vector<std::string>& set, const std::vector<std::string>& names,
                   const std::string& what, const std::string& where) {
    for (const auto& n : names)
      if (std::find(set.begin(), set.end(), n) == set.end())
        throw DataError(c.file.string() + ": " + where + " names " + what + " '" + n +
                        "', which is not in [sets]");
  };
  check(c.sectors, c.goods, "sector", "[sets] goods");
  check(c.sectors, c.traded_services, "sector", "[sets] traded_services");
  check(c.factors, c.specific_factors, "factor", "[sets] specific_factors");
  check(c.factors, {"CAP"}, "factor", "the builder (capital income abroad)");
  check(c.regions, {"KOR", "PRK"}, "region", "the builder (inter-Korean trade)");
  for (const auto* list : {&c.consumption, &c.government, &c.investment})
    check(c.sectors, *list, "sector", "[priors]");
  for (const auto& t : c.trade_targets) {
    check(c.regions, t.exporters, "region", t.value.origin + " '" + t.name + "'");
    check(c.regions, t.importers, "region", t.value.origin + " '" + t.name + "'");
    check(c.sectors, t.sectors, "sector", t.value.origin + " '" + t.name + "'");
  }
  for (const auto& z : c.zero_flows) {
    check(c.regions, {z.exporter}, "region", "[[trade.zero]]");
    check(c.sectors, z.sectors, "sector", "[[trade.zero]]");
  }
  for (const auto& [sector, row] : c.inter_korean.items)
    check(c.sectors, {sector}, "sector", row.origin);
  check(c.sectors, {c.inter_korean.remainder_sector}, "sector", "[trade.inter_korean]");
  for (const auto& f : c.foreign_capital) {
    check(c.regions, {f.host, f.owner}, "region", "[[foreign_capital]] '" + f.name + "'");
    check(c.factors, {f.factor}, "factor", "[[foreign_capital]] '" + f.name + "'");
    if (std::find(c.specific_factors.begin(), c.specific_factors.end(), f.factor) !=
        c.specific_factors.end())
      throw DataError(c.file.string() + ": [[foreign_capital]] '" + f.name + "' names factor " +
                      f.factor + ", which is sector-specific (expected a mobile factor)");
    if (f.factor != "CAP" && !f.value)
      throw DataError(c.file.string() + ": [[foreign_capital]] '" + f.name +
                      "' needs 'value' for factor " + f.factor + " (a share applies to CAP)");
    check(c.sectors, f.sectors, "sector", "[[foreign_capital]] '" + f.name + "'");
  }
  check(c.regions, {c.inter_korean.north}, "region", "[trade.inter_korean] north");
  std::vector<std::string> ordinary(c.regions.begin(),
                                    c.regions.end() - static_cast<long>(c.zone_regions.size()));
  for (const auto& z : c.zone_regions) {
    check(ordinary, {z.parent, z.partner}, "region", "[[zone_region]] '" + z.name + "'");
    check(c.factors, {z.labour, z.capital}, "factor", "[[zone_region]] '" + z.name + "'");
  }
  for (const auto& e : c.entrants) {
    check(c.regions, {e.region, e.donor}, "region", "[[entry]]");
    check(c.sectors, {e.sector}, "sector", "[[entry]]");
  }
  for (const auto& l : c.latent) {
    check(c.regions, {l.exporter}, "region", "[[latent]] '" + l.name + "'");
    check(c.regions, l.importers, "region", "[[latent]] '" + l.name + "'");
    check(c.sectors, {l.sector}, "sector", "[[latent]] '" + l.name + "'");
  }
}

}  // namespace

const ZoneRegion* BuildConfig::Zone(int region) const {
  const int first = static_cast<int>(regions.size() - zone_regions.size());
  return region >= first ? &zone_regions[region - first] : nullptr;
}

const Variant& BuildConfig::Central() const {
  for (const auto& v : variants)
    if (v.name == central_variant) return v;
  throw DataError(file.string() + ": no central variant");
}

BuildConfig ReadBuildConfig(const std::filesystem::path& file) {
  Reader rd(file);
  toml::table root = rd.Parse(io::ReadInputText<DataError>(file, "the build description", ""));
  rd.CheckKeys(root,
               {"database", "sets", "priors", "regions", "trade", "foreign_capital", "latent",
                "zone", "zone_region", "variant", "entry"},
               "build.toml");
  BuildConfig c;
  c.file = file;
  const auto base = file.parent_path();
  const toml::table& db = rd.Table(root, "database", "build.toml");
  rd.CheckKeys(db, {"name", "units", "sources", "output", "variants", "central_variant"},
               "[database]");
  c.name = rd.String(db, "name", "[database]");
  c.units = rd.String(db, "units", "[database]");
  if (c.units == "US$ billion, 2015") {
    c.unit_digits = 9;
  } else if (c.units != "US$ million, 2015") {
    rd.Fail(db, "units must be \"US$ million, 2015\" or \"US$ billion, 2015\"");
  }
  c.sources = (base / rd.String(db, "sources", "[database]")).lexically_normal();
  c.output = (base / rd.String(db, "output", "[database]")).lexically_normal();
  if (c.output.filename().empty()) c.output = c.output.parent_path();  // "dir/." -> "dir"
  c.variants_dir = rd.String(db, "variants", "[database]");
  c.central_variant = rd.String(db, "central_variant", "[database]");
  ReadSets(rd, root, c);
  ReadTrade(rd, root, c);
  ReadForeignCapital(rd, root, c);
  ReadLatent(rd, root, c);
  ReadEntrants(rd, root, c);
  ReadZones(rd, root, c);
  ReadZoneRegions(rd, root, c);
  ReadVariants(rd, root, c);
  CheckNames(c);
  return c;
}

}  // namespace peninsula::calibration::build_data
