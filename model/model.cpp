// Builds the default model's variables and equation blocks from calibrated data.
#include "model/model.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "model/blocks/demand.hpp"
#include "model/blocks/entry.hpp"
#include "model/blocks/instruments.hpp"
#include "model/blocks/markets.hpp"
#include "model/blocks/production.hpp"
#include "model/blocks/trade.hpp"

namespace peninsula::model {
namespace {

using TupleFilter = std::function<bool(int, int, int)>;

// Every tuple of the given dimensions that passes `keep`.
std::vector<Tuple> Domain(const std::vector<const Set*>& dims, const TupleFilter& keep) {
  std::array<int, 3> n{1, 1, 1};
  for (std::size_t k = 0; k < dims.size(); ++k) n[k] = dims[k]->size();
  std::vector<Tuple> out;
  for (int a = 0; a < n[0]; ++a)
    for (int b = 0; b < n[1]; ++b)
      for (int c = 0; c < n[2]; ++c)
        if (keep(a, b, c)) out.push_back({a, b, c});
  return out;
}

}  // namespace

Model::Model(ModelData data) : data_(std::move(data)) {
  ApplyInstruments();
  CreateVariables();
  SetBenchmarkValues();
  BuildEquations(DefaultNumeraire());
}

void Model::ApplyInstruments() {
  ModelData& d = data_;
  const ModelSets& s = d.sets;
  d.rent_to = Table(s.sectors.size(), s.partners.size(), s.regions.size());
  d.floor_on = Table(s.regions.size(), s.factors.size());
  if (d.p.quota.values().empty()) {
    d.p.quota = Table(s.sectors.size(), s.partners.size(), s.regions.size(), kNoQuota);
  }
  if (d.p.wfloor.values().empty()) d.p.wfloor = Table(s.regions.size(), s.factors.size());
  if (d.latent.values().empty())
    d.latent = Table(s.sectors.size(), s.partners.size(), s.regions.size());
  if (d.exportable.values().empty()) d.exportable = Table(s.regions.size(), s.sectors.size());
  if (d.p.access.values().empty()) {
    d.p.access = Table(s.sectors.size(), s.partners.size(), s.regions.size());
  }
  d.p0.access = d.p.access;
  if (d.p.entry.values().empty()) d.p.entry = Table(s.regions.size(), s.sectors.size());
  d.p0.entry = d.p.entry;
  if (d.entrant.values().empty()) d.entrant = Table(s.regions.size(), s.sectors.size());
  if (d.p.ownq.values().empty()) {
    d.p.ownq = Table(s.regions.size(), s.factors.size(), s.partners.size());
  }
  d.p0.quota = d.p.quota;
  d.p0.wfloor = d.p.wfloor;
  d.p0.ownq = d.p.ownq;
  for (const OwnedFactor& o : d.instruments.ownership) AddOwnership(o);
  for (const QuotaInstrument& q : d.instruments.quotas) {
    std::string flow = s.sectors.label(q.sector) + " from " + s.partners.label(q.source) + " to " +
                       s.regions.label(q.destination);
    if (d.small_open) {
      throw std::invalid_argument("a quota on " + flow +
                                  " needs a multi-region database (bilateral flows)");
    }
    if (!(d.m0(q.sector, q.source, q.destination) > 0)) {
      throw std::invalid_argument("a quota on " + flow + ": there is no such benchmark flow");
    }
    double& slot = d.rent_to(q.sector, q.source, q.destination);
    if (slot != 0 && slot != static_cast<double>(q.recipient)) {
      throw std::invalid_argument("the quota on " + flow +
                                  " is declared with two different rent recipients");
    }
    slot = static_cast<double>(q.recipient);
  }
  for (const WageFloorInstrument& w : d.instruments.wage_floors) {
    std::string where = s.factors.label(w.factor) + " in " + s.regions.label(w.region);
    if (d.mobility[w.factor] != Mobility::kMobile || !(d.yf0(w.region, w.factor) > 0)) {
      throw std::invalid_argument("a wage floor on " + where +
                                  " needs a mobile factor with benchmark income");
    }
    d.floor_on(w.region, w.factor) = 1.0;
  }
}

// Ownership a scenario introduces (e.g. new foreign direct investment): starts at zero units.
void Model::AddOwnership(OwnedFactor o) {
  ModelData& d = data_;
  const ModelSets& s = d.sets;
  for (const OwnedFactor& e : d.owned) {
    if (e.region == o.region && e.factor == o.factor && e.owner == o.owner) return;
  }
  std::string what = s.factors.label(o.factor) + " in " + s.regions.label(o.region) + " owned by " +
                     s.partners.label(o.owner);
  if (d.small_open || o.owner == o.region || d.mobility[o.factor] != Mobility::kMobile ||
      !(d.yf0(o.region, o.factor) > 0)) {
    throw std::invalid_argument("ownership of " + what +
                                ": needs a mobile factor with income owned by another region");
  }
  o.household = -1;
  for (int h = 0; h < s.households.size() && o.household < 0; ++h) {
    if (d.yh0(o.owner, h) > 0) o.household = h;
  }
  if (o.household < 0) {
    throw std::invalid_argument("ownership of " + what +
                                ": the owner has no household with income");
  }
  d.owned.push_back(o);
}

void Model::CreateVariables() {
  const ModelSets& s = data_.sets;
  const ModelData& d = data_;
  const Set* R = &s.regions;
  const Set* I = &s.sectors;
  const Set* F = &s.factors;
  const Set* H = &s.households;
  const Set* P = &s.partners;
  auto add = [&](const char* name, std::vector<const Set*> dims, VarKind kind, const char* unit,
                 const char* description, const TupleFilter& keep) {
    VariableBlock block(name, dims, kind, unit, description);
    for (const Tuple& t : Domain(dims, keep)) block.Add(t);
    return reg_.AddBlock(std::move(block));
  };
  auto mobile = [&](int f) { return d.mobility[f] == Mobility::kMobile; };
  const VarKind kP = VarKind::kPrice, kQ = VarKind::kQuantity, kV = VarKind::kValue;
  const char* kPriceUnit = "index (benchmark = 1, untaxed)";
  const char* kQtyUnit = "benchmark value units";
  auto produced = [&](int r, int j, int) { return d.x0(r, j) > 0; };
  auto with_va = [&](int r, int j, int) { return d.va0(r, j) > 0; };
  auto with_int = [&](int r, int j, int) { return d.aint(r, j) > 0; };
  auto sold_home = [&](int r, int i, int) { return d.d0(r, i) > 0; };
  auto exported = [&](int r, int i, int) { return CanExport(d, r, i); };
  auto absorbed = [&](int r, int i, int) { return d.q0(r, i) > 0; };
  auto imported = [&](int r, int i, int) { return d.mc0(r, i) > 0; };
  auto factor_used = [&](int r, int f, int) { return d.yf0(r, f) > 0; };
  auto mobile_used = [&](int r, int f, int) { return mobile(f) && d.yf0(r, f) > 0; };
  auto specific_used = [&](int r, int f, int j) { return !mobile(f) && d.f0(r, f, j) > 0; };
  auto all = [](int, int, int) { return true; };

  vars_.X = add("X", {R, I}, kQ, kQtyUnit, "gross output", produced);
  vars_.PX =
      add("PX", {R, I}, kP, kPriceUnit, "unit cost of output (before production tax)", produced);
  vars_.VA = add("VA", {R, I}, kQ, kQtyUnit, "value added", with_va);
  vars_.PVA = add("PVA", {R, I}, kP, kPriceUnit, "price of value added", with_va);
  vars_.PINT = add("PINT", {R, I}, kP, kPriceUnit, "price of the intermediate bundle", with_int);
  vars_.F = add("F", {R, F, I}, kQ, kQtyUnit, "factor use",
                [&](int r, int f, int j) { return d.f0(r, f, j) > 0; });
  vars_.PF = add("PF", {R, F}, kP, kPriceUnit, "price of a mobile factor", mobile_used);
  vars_.PFS =
      add("PFS", {R, F, I}, kP, kPriceUnit, "price of a sector-specific factor", specific_used);
  vars_.QF = add("QF", {R, F}, kQ, kQtyUnit, "endowment of a mobile factor", mobile_used);
  vars_.QFS =
      add("QFS", {R, F, I}, kQ, kQtyUnit, "endowment of a sector-specific factor", specific_used);
  vars_.D = add("D", {R, I}, kQ, kQtyUnit, "domestic sales of domestic output", sold_home);
  vars_.PD = add("PD", {R, I}, kP, kPriceUnit, "price of domestic sales", sold_home);
  vars_.E = add("E", {R, I}, kQ, kQtyUnit, "exports", exported);
  vars_.PE = add("PE", {R, I}, kP, kPriceUnit, "producer price of exports", exported);
  vars_.Q = add("Q", {R, I}, kQ, kQtyUnit, "Armington composite", absorbed);
  vars_.PA = add("PA", {R, I}, kP, kPriceUnit, "Armington price before sales tax", absorbed);
  vars_.MC = add("MC", {R, I}, kQ, kQtyUnit, "composite import", imported);
  vars_.PMC = add("PMC", {R, I}, kP, kPriceUnit, "price of the composite import", imported);
  vars_.M = add("M", {I, P, R}, kQ, kQtyUnit, "imports by source (commodity, source, destination)",
                [&](int i, int s, int r) { return HasFlow(d, i, s, r); });
  vars_.C = add("C", {R, H, I}, kQ, kQtyUnit, "household consumption",
                [&](int r, int h, int i) { return d.c0(r, h, i) > 0; });
  vars_.YH = add("YH", {R, H}, kV, "currency", "household income",
                 [&](int r, int h, int) { return d.yh0(r, h) > 0; });
  vars_.YF = add("YF", {R, F}, kV, "currency", "factor income", factor_used);
  vars_.G = add("G", {R, I}, kQ, kQtyUnit, "government consumption",
                [&](int r, int i, int) { return d.g0(r, i) > 0; });
  vars_.TREV = add("TREV", {R}, kV, "currency", "tax revenue", all);
  vars_.TM = add("TM", {R, I}, kV, "currency", "tariff revenue by commodity", imported);
  vars_.TX = add("TX", {R, I}, kV, "currency", "export tax revenue by commodity", exported);
  vars_.XV = add("XV", {R, I}, kQ, kQtyUnit, "investment demand",
                 [&](int r, int i, int) { return d.xv0(r, i) != 0; });
  vars_.SAV = add("SAV", {R}, kV, "currency", "total savings", all);
  vars_.CPI = add("CPI", {R}, kP, kPriceUnit, "consumer price index", all);
  vars_.RENT = add("RENT", {I, P, R}, VarKind::kIndex, "rate on the cif value",
                   "quota rent (ad valorem equivalent) on imports of i from s into r",
                   [&](int i, int src, int r) { return d.rent_to(i, src, r) != 0; });
  vars_.UNEMP = add("UNEMP", {R, F}, kQ, kQtyUnit, "unemployment at a wage floor",
                    [&](int r, int f, int) { return d.floor_on(r, f) != 0; });
  auto entrant = [&](int r, int j, int) { return HasEntrant(d, r, j); };
  vars_.YN = add("YN", {R, I}, kQ, "input bundles (cost 1 at benchmark prices)",
                 "level of an entering technology", entrant);
  vars_.PVAN =
      add("PVAN", {R, I}, kP, kPriceUnit, "price of an entering technology's value added", entrant);
  vars_.FN = add("FN", {R, F, I}, kQ, kQtyUnit, "factor use of an entering technology",
                 [&](int r, int f, int j) { return UsesEntrantFactor(d, r, f, j); });
  vars_.EXR =
      add("EXR", {}, kP, "domestic currency per unit of foreign currency",
          "exchange rate (small open economy)", [&](int, int, int) { return d.small_open; });
  reg_.Finalize();
}

void Model::SetBenchmarkValues() {
  const ModelData& d = data_;
  benchmark_.assign(reg_.size(), 1.0);
  exogenous_.assign(reg_.size(), false);
  auto set_from = [&](VarId id, const Table& table, bool exogenous = false) {
    const VariableBlock& b = reg_.block(id);
    for (int k = 0; k < b.size(); ++k) {
      const Tuple& t = b.tuple(k);
      benchmark_[b.offset() + k] = table(t[0], t[1], t[2]);
      exogenous_[b.offset() + k] = exogenous;
    }
  };
  const ModelVars& v = vars_;
  set_from(v.X, d.x0);
  set_from(v.VA, d.va0);
  set_from(v.F, d.f0);
  set_from(v.QF, d.qf0, true);
  set_from(v.QFS, d.f0, true);
  set_from(v.D, d.d0);
  set_from(v.E, d.e0);
  set_from(v.Q, d.q0);
  set_from(v.MC, d.mc0);
  set_from(v.M, d.m0);
  set_from(v.C, d.c0);
  set_from(v.YH, d.yh0);
  set_from(v.YF, d.yf0);
  set_from(v.G, d.g0);
  set_from(v.TREV, d.trev0);
  set_from(v.TM, d.tm0);
  set_from(v.TX, d.tx0);
  set_from(v.XV, d.xv0);
  set_from(v.SAV, d.sav0);
  for (VarId id : {v.RENT, v.UNEMP, v.YN, v.FN}) {
    const VariableBlock& b = reg_.block(id);
    for (int k = 0; k < b.size(); ++k) benchmark_[b.offset() + k] = 0.0;
  }
}

void Model::BuildEquations(int numeraire) {
  const ModelSets& s = data_.sets;
  const ModelData& d = data_;
  auto [nb, nl] = reg_.Locate(numeraire);
  WorldUnit world = d.small_open ? WorldUnit{vars_.EXR, {0, 0, 0}}
                                 : WorldUnit{VarId{nb}, reg_.blocks()[nb].tuple(nl)};
  blocks_.clear();
  numeraire_ = numeraire;
  auto add = [&]<class Functor>(Functor f, const char* name, std::vector<const Set*> dims,
                                const TupleFilter& keep) {
    f.name = name;
    f.dims = dims;
    f.domain = Domain(dims, keep);
    f.d = &data_;
    f.v = &vars_;
    f.world = world;
    blocks_.push_back(MakeBlock(std::move(f)));
  };
  const Set* R = &s.regions;
  const Set* I = &s.sectors;
  const Set* F = &s.factors;
  const Set* H = &s.households;
  const Set* P = &s.partners;
  auto mobile = [&](int f) { return d.mobility[f] == Mobility::kMobile; };
  auto all = [](int, int, int) { return true; };
  auto produced = [&](int r, int j, int) { return d.x0(r, j) > 0; };
  auto with_va = [&](int r, int j, int) { return d.va0(r, j) > 0; };
  auto sold_home = [&](int r, int i, int) { return d.d0(r, i) > 0; };
  auto exported = [&](int r, int i, int) { return CanExport(d, r, i); };
  auto absorbed = [&](int r, int i, int) { return d.q0(r, i) > 0; };
  auto imported = [&](int r, int i, int) { return d.mc0(r, i) > 0; };

  add(ZeroProfit{}, "zero_profit", {R, I},
      [&](int r, int j, int) { return produced(r, j, 0) && !HasEntrant(d, r, j); });
  add(ValueAddedPrice{}, "value_added_price", {R, I}, with_va);
  add(ValueAddedDemand{}, "value_added_demand", {R, I}, with_va);
  add(IntermediatePrice{}, "intermediate_price", {R, I},
      [&](int r, int j, int) { return d.aint(r, j) > 0; });
  add(FactorDemand{}, "factor_demand", {R, F, I},
      [&](int r, int f, int j) { return d.f0(r, f, j) > 0; });
  add(OutputTransformation{}, "output_transformation", {R, I}, produced);
  add(DomesticSupply{}, "domestic_supply", {R, I}, sold_home);
  add(ExportSupply{}, "export_supply", {R, I}, exported);
  add(ExportMarket{}, "export_market", {R, I}, exported);
  add(ArmingtonPrice{}, "armington_price", {R, I}, absorbed);
  add(DomesticDemand{}, "domestic_demand", {R, I}, sold_home);
  add(CompositeImportDemand{}, "composite_import_demand", {R, I}, imported);
  add(CompositeImportPrice{}, "composite_import_price", {R, I}, imported);
  add(SourceDemand{}, "source_demand", {I, P, R},
      [&](int i, int src, int r) { return HasFlow(d, i, src, r); });
  add(FactorIncome{}, "factor_income", {R, F}, [&](int r, int f, int) { return d.yf0(r, f) > 0; });
  add(HouseholdIncome{}, "household_income", {R, H},
      [&](int r, int h, int) { return d.yh0(r, h) > 0; });
  add(HouseholdDemand{}, "household_demand", {R, H, I},
      [&](int r, int h, int i) { return d.c0(r, h, i) > 0; });
  add(TaxRevenue{}, "tax_revenue", {R}, all);
  add(TariffRevenue{}, "tariff_revenue", {R, I}, imported);
  add(ExportTaxRevenue{}, "export_tax_revenue", {R, I}, exported);
  add(GovernmentDemand{}, "government_demand", {R, I},
      [&](int r, int i, int) { return d.g0(r, i) > 0; });
  add(Savings{}, "savings", {R}, all);
  add(InvestmentDemand{}, "investment_demand", {R, I},
      [&](int r, int i, int) { return d.xv0(r, i) != 0; });
  add(ConsumerPrices{}, "consumer_prices", {R}, all);
  add(FactorMarket{}, "factor_market", {R, F},
      [&](int r, int f, int) { return mobile(f) && d.yf0(r, f) > 0; });
  add(SpecificFactorMarket{}, "specific_factor_market", {R, F, I},
      [&](int r, int f, int j) { return !mobile(f) && d.f0(r, f, j) > 0; });
  add(GoodsMarket{}, "goods_market", {R, I}, absorbed);
  if (d.small_open) add(BalanceOfPayments{}, "balance_of_payments", {R}, all);
  QuotaLimit quota_limit;
  quota_limit.complement = vars_.RENT;
  add(quota_limit, "quota_limit", {I, P, R},
      [&](int i, int src, int r) { return d.rent_to(i, src, r) != 0; });
  if (std::any_of(d.entrant.values().begin(), d.entrant.values().end(),
                  [](double e) { return e != 0; })) {
    auto entrant = [&](int r, int j, int) { return HasEntrant(d, r, j); };
    IncumbentProfit incumbent_profit;
    incumbent_profit.complement = vars_.X;
    add(incumbent_profit, "incumbent_profit", {R, I}, entrant);
    EntrantProfit entrant_profit;
    entrant_profit.complement = vars_.YN;
    add(entrant_profit, "entrant_profit", {R, I}, entrant);
    add(EntrantValueAddedPrice{}, "entrant_value_added_price", {R, I}, entrant);
    add(EntrantFactorDemand{}, "entrant_factor_demand", {R, F, I},
        [&](int r, int f, int j) { return UsesEntrantFactor(d, r, f, j); });
  }
  WageFloor wage_floor;
  wage_floor.complement = vars_.UNEMP;
  add(wage_floor, "wage_floor", {R, F}, [&](int r, int f, int) { return d.floor_on(r, f) != 0; });
}

int Model::FindBlock(const std::string& name) const {
  for (int b = 0; b < static_cast<int>(blocks_.size()); ++b) {
    if (blocks_[b]->name() == name) return b;
  }
  return -1;
}

int Model::DefaultNumeraire() const { return reg_.block(vars_.CPI).Global(0); }

std::pair<int, int> Model::DefaultWalrasRow() const {
  int b = FindBlock("goods_market");
  if (b < 0 || blocks_[b]->rows() == 0) throw std::logic_error("model has no goods market");
  return {b, blocks_[b]->rows() - 1};
}

}  // namespace peninsula::model
