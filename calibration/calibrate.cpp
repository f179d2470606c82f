// Calibration in share form.
#include "calibration/calibrate.hpp"

#include <cmath>
#include <functional>
#include <map>

#include "calibration/csv.hpp"
#include "calibration/entry.hpp"

namespace peninsula::calibration {
namespace {

using model::ModelData;
using model::Table;

constexpr double kZeroTolerance = 1e-9;

// Row sum of `col` over the accounts of one kind.
double KindSum(const Database& db, int r, AccountKind kind, int col) {
  double s = 0;
  for (int a : db.AccountsOfKind(kind)) s += db.sam[r](a, col);
  return s;
}

int Single(const Database& db, AccountKind kind) {
  auto v = db.AccountsOfKind(kind);
  return v.empty() ? -1 : v[0];
}

double Cell(const Database& db, int r, int row, int col) {
  return (row < 0 || col < 0) ? 0.0 : db.sam[r](row, col);
}

[[noreturn]] void Fail(const Database& db, int r, const std::string& message) {
  throw DataError((db.directory / "sam.csv").string() + ": region " + db.regions[r] + ": " +
                  message);
}

void SizeTables(const Database& db, ModelData& d) {
  int R = static_cast<int>(db.regions.size()), I = static_cast<int>(db.sectors.size());
  int F = static_cast<int>(db.factors.size()), H = static_cast<int>(db.households.size());
  int P = d.sets.partners.size();
  auto& p = d.p;
  p.tfp = Table(R, I, 1, 1.0);
  p.tp = Table(R, I);
  p.tc = Table(R, I);
  p.tm = Table(I, P, R);
  p.te = Table(I, R, P);
  p.tdir = Table(R, H);
  p.tf = Table(R, F);
  p.pwe = Table(I, 1, 1, 1.0);
  p.pwm = Table(I, 1, 1, 1.0);
  p.fsav = Table(R);
  p.sigma_va = Table(R, I, 1, NAN);
  p.sigma_d = Table(R, I, 1, NAN);
  p.sigma_m = Table(R, I, 1, NAN);
  p.omega = Table(R, I, 1, NAN);
  p.quota = Table(I, P, R, model::kNoQuota);
  p.wfloor = Table(R, F);
  p.ownq = Table(R, F, P);
  p.access = Table(I, P, R);
  d.latent = Table(I, P, R);
  d.exportable = Table(R, I);
  for (Table* t : {&d.ava,  &d.aint, &d.dcoef,  &d.ecoef, &d.dshare, &d.dq,  &d.mq,
                   &d.dval, &d.mu,   &d.lambda, &d.cpiw,  &d.tm0,    &d.tx0, &d.x0,
                   &d.va0,  &d.d0,   &d.e0,     &d.q0,    &d.mc0,    &d.g0,  &d.xv0}) {
    *t = Table(R, I);
  }
  d.io = Table(R, I, I);
  d.fcoef = Table(R, F, I);
  d.f0 = Table(R, F, I);
  for (Table* t : {&d.mcoef, &d.mshare, &d.pms0, &d.m0}) *t = Table(I, P, R);
  d.beta = Table(R, H, I);
  d.c0 = Table(R, H, I);
  for (Table* t : {&d.mps, &d.trs, &d.hhin, &d.hhout, &d.yh0}) *t = Table(R, H);
  d.shf = Table(R, F, H);
  for (Table* t : {&d.fabr, &d.yf0, &d.qf0}) *t = Table(R, F);
  for (Table* t : {&d.ssg, &d.govin, &d.govout, &d.trev0, &d.sav0}) *t = Table(R);
}

struct SectorAccounts {
  std::vector<int> act, com;
};

SectorAccounts Sectors(const Database& db) {
  SectorAccounts s;
  for (const auto& label : db.sectors) {
    s.act.push_back(db.AccountFor(AccountKind::kActivity, label));
    s.com.push_back(db.AccountFor(AccountKind::kCommodity, label));
  }
  return s;
}

void CalibrateProduction(const Database& db, int r, const SectorAccounts& sa, ModelData& d) {
  int I = static_cast<int>(db.sectors.size()), F = static_cast<int>(db.factors.size());
  for (int j = 0; j < I; ++j) {
    int a = sa.act[j];
    double intermediates = 0, value_added = 0;
    for (int i = 0; i < I; ++i) intermediates += db.sam[r](sa.com[i], a);
    for (int f = 0; f < F; ++f) {
      double pay = db.sam[r](db.AccountFor(AccountKind::kFactor, db.factors[f]), a);
      d.f0(r, f, j) = pay;
      value_added += pay;
    }
    double cost = intermediates + value_added;
    double tax = KindSum(db, r, AccountKind::kTaxProduction, a);
    if (cost <= kZeroTolerance) {
      if (std::abs(tax) > kZeroTolerance)
        Fail(db, r, "activity of " + db.sectors[j] + " pays production tax but has no inputs");
      continue;
    }
    d.x0(r, j) = cost;
    d.p.tp(r, j) = tax / cost;
    d.va0(r, j) = value_added;
    d.ava(r, j) = value_added / cost;
    d.aint(r, j) = intermediates / cost;
    for (int f = 0; f < F; ++f) {
      d.fcoef(r, f, j) = value_added > 0 ? d.f0(r, f, j) / value_added : 0.0;
    }
  }
}

void CalibrateAbsorption(const Database& db, int r, const SectorAccounts& sa, ModelData& d) {
  int I = static_cast<int>(db.sectors.size());
  int world = Single(db, AccountKind::kRestOfWorld);
  for (int i = 0; i < I; ++i) {
    int c = sa.com[i];
    const std::string& name = db.sectors[i];
    double sales_tax = KindSum(db, r, AccountKind::kTaxSales, c);
    double export_tax = KindSum(db, r, AccountKind::kTaxExport, c);
    double tariffs = KindSum(db, r, AccountKind::kTaxImport, c);
    double exports = Cell(db, r, c, world), imports = Cell(db, r, world, c);
    double uses = db.sam[r].row(c).sum() - exports;
    double basic = uses - sales_tax;
    if (uses > kZeroTolerance && basic <= 0)
      Fail(db, r, "sales tax on " + name + " is not below its domestic use");
    d.p.tc(r, i) = basic > kZeroTolerance ? sales_tax / basic : 0.0;
    d.q0(r, i) = basic > kZeroTolerance ? basic : 0.0;
    double output_value = (1 + d.p.tp(r, i)) * d.x0(r, i);
    double e0 = exports - export_tax;
    double d0 = output_value - e0;
    if (e0 < -kZeroTolerance) Fail(db, r, "export tax on " + name + " exceeds its exports");
    if (d0 < -1e-7 * std::max(1.0, output_value)) {
      Fail(db, r,
           "exports of " + name + " (" + std::to_string(e0) + ") exceed its output (" +
               std::to_string(output_value) + ")");
    }
    d.e0(r, i) = e0 > kZeroTolerance ? e0 : 0.0;
    d.d0(r, i) = d0 > kZeroTolerance ? d0 : 0.0;
    d.mc0(r, i) = imports + tariffs > kZeroTolerance ? imports + tariffs : 0.0;
    d.tm0(r, i) = tariffs;
    d.tx0(r, i) = export_tax;
    if (d.x0(r, i) > 0) {
      d.dcoef(r, i) = d.d0(r, i) / d.x0(r, i);
      d.ecoef(r, i) = d.e0(r, i) / d.x0(r, i);
      d.dshare(r, i) = d.d0(r, i) / (d.d0(r, i) + d.e0(r, i));
    }
    if (d.q0(r, i) > 0) {
      d.dq(r, i) = d.d0(r, i) / d.q0(r, i);
      d.mq(r, i) = d.mc0(r, i) / d.q0(r, i);
      d.dval(r, i) = d.dq(r, i);
    } else if (d.d0(r, i) > 0 || d.mc0(r, i) > 0) {
      Fail(db, r, name + " is supplied to the home market but nobody uses it");
    }
    if (db.small_open() && d.e0(r, i) > 0) {
      d.p.te(i, r, 0) = export_tax / d.e0(r, i);
      d.p.pwe(i) = 1 + d.p.te(i, r, 0);
    }
    if (db.small_open() && imports > kZeroTolerance) {
      d.m0(i, 0, r) = imports;
      d.p.tm(i, 0, r) = tariffs / imports;
      d.pms0(i, 0, r) = 1 + d.p.tm(i, 0, r);
      d.mshare(i, 0, r) = 1.0;
      d.mcoef(i, 0, r) = imports / d.mc0(r, i);
    }
  }
  for (int j = 0; j < I; ++j) {
    for (int i = 0; i < I; ++i) {
      double value = db.sam[r](sa.com[i], sa.act[j]);
      if (value > 0 && d.x0(r, j) > 0) d.io(r, i, j) = value / (1 + d.p.tc(r, i)) / d.x0(r, j);
    }
  }
}

void CalibrateBilateral(const Database& db, ModelData& d) {
  for (const auto& f : db.trade) {
    if (f.value <= 0) continue;
    int i = f.commodity, s = f.exporter, r = f.importer;
    d.m0(i, s, r) = f.value / (1 + f.export_tax_rate);
    d.p.tm(i, s, r) = f.tariff_rate;
    d.p.te(i, s, r) = f.export_tax_rate;
    d.pms0(i, s, r) = (1 + f.export_tax_rate) * (1 + f.tariff_rate);
    d.mshare(i, s, r) = f.value * (1 + f.tariff_rate) / d.mc0(r, i);
    d.mcoef(i, s, r) = d.m0(i, s, r) / d.mc0(r, i);
  }
}

// Final demand of one agent: quantities at benchmark purchaser prices and budget shares.
void DemandShares(const Database& db, int r, const SectorAccounts& sa, int agent, ModelData& d,
                  const std::function<void(int, double, double)>& store) {
  double total = 0;
  for (int i = 0; i < static_cast<int>(db.sectors.size()); ++i)
    total += db.sam[r](sa.com[i], agent);
  for (int i = 0; i < static_cast<int>(db.sectors.size()); ++i) {
    double value = db.sam[r](sa.com[i], agent);
    if (value == 0) continue;
    store(i, value / (1 + d.p.tc(r, i)), total != 0 ? value / total : 0.0);
  }
}

void CalibrateIncomes(const Database& db, int r, const SectorAccounts& sa, ModelData& d) {
  int F = static_cast<int>(db.factors.size()), H = static_cast<int>(db.households.size());
  int world = Single(db, AccountKind::kRestOfWorld), gov = Single(db, AccountKind::kGovernment);
  int sav = Single(db, AccountKind::kSavings);
  for (int f = 0; f < F; ++f) {
    int fa = db.AccountFor(AccountKind::kFactor, db.factors[f]);
    double income = db.sam[r].row(fa).sum();
    d.yf0(r, f) = income > kZeroTolerance ? income : 0.0;
    d.qf0(r, f) = d.yf0(r, f);
    if (d.yf0(r, f) == 0) continue;
    d.p.tf(r, f) = KindSum(db, r, AccountKind::kTaxFactor, fa) / income;
    d.fabr(r, f) = Cell(db, r, world, fa);
    double domestic = income * (1 - d.p.tf(r, f)) - d.fabr(r, f);
    double to_households = 0;
    for (int a : db.AccountsOfKind(AccountKind::kHousehold)) to_households += db.sam[r](a, fa);
    if (to_households > kZeroTolerance && domestic <= kZeroTolerance) {
      Fail(db, r,
           "factor " + db.factors[f] +
               " pays households although nothing is left of its "
               "income after factor tax and payments abroad");
    }
    for (int h = 0; h < H; ++h) {
      double paid = db.sam[r](db.AccountFor(AccountKind::kHousehold, db.households[h]), fa);
      if (paid > 0) d.shf(r, f, h) = paid / domestic;
    }
  }
  double revenue = 0;
  for (const auto& a : db.accounts) {
    if (KindName(a.kind).rfind("tax_", 0) == 0)
      revenue += Cell(db, r, gov, db.AccountIndex(a.name));
  }
  d.trev0(r) = revenue;
  for (int h = 0; h < H; ++h) {
    int ha = db.AccountFor(AccountKind::kHousehold, db.households[h]);
    double income = db.sam[r].row(ha).sum();
    if (income <= kZeroTolerance) continue;
    d.yh0(r, h) = income;
    d.p.tdir(r, h) = KindSum(db, r, AccountKind::kTaxDirect, ha) / income;
    d.mps(r, h) = Cell(db, r, sav, ha) / income;
    d.hhin(r, h) = Cell(db, r, ha, world);
    d.hhout(r, h) = Cell(db, r, world, ha);
    double from_gov = Cell(db, r, ha, gov);
    if (from_gov != 0 && revenue == 0)
      Fail(db, r, "government pays transfers but has no tax revenue");
    d.trs(r, h) = revenue != 0 ? from_gov / revenue : 0.0;
    DemandShares(db, r, sa, ha, d, [&](int i, double qty, double share) {
      d.c0(r, h, i) = qty;
      d.beta(r, h, i) = share;
      d.cpiw(r, i) += qty;
    });
  }
  double gov_saving = Cell(db, r, sav, gov);
  if (gov_saving != 0 && revenue == 0) Fail(db, r, "government saves but has no tax revenue");
  d.ssg(r) = revenue != 0 ? gov_saving / revenue : 0.0;
  d.govin(r) = Cell(db, r, gov, world);
  d.govout(r) = Cell(db, r, world, gov);
  if (gov >= 0) {
    DemandShares(db, r, sa, gov, d, [&](int i, double qty, double share) {
      d.g0(r, i) = qty;
      d.mu(r, i) = share;
    });
  }
  d.p.fsav(r) = Cell(db, r, sav, world) - Cell(db, r, world, sav);
  if (sav >= 0) {
    d.sav0(r) = db.sam[r].row(sav).sum() - Cell(db, r, world, sav);
    DemandShares(db, r, sa, sav, d, [&](int i, double qty, double share) {
      d.xv0(r, i) = qty;
      d.lambda(r, i) = share;
    });
  }
  bool any_consumption = false;
  for (int i = 0; i < static_cast<int>(db.sectors.size()); ++i) any_consumption |= d.cpiw(r, i) > 0;
  if (!any_consumption) {
    for (int i = 0; i < static_cast<int>(db.sectors.size()); ++i) d.cpiw(r, i) = d.q0(r, i);
  }
}

// Elasticity per (region, sector). Rows apply in order of specificity — "*,*", then
// "*,sector", then "region,*", then "region,sector" — so the most specific row wins; two rows
// of the same specificity for the same cell are an error.
void CalibrateElasticities(const Database& db, ModelData& d) {
  std::map<std::string, Table*> targets = {{"sigma_va", &d.p.sigma_va},
                                           {"sigma_d", &d.p.sigma_d},
                                           {"sigma_m", &d.p.sigma_m},
                                           {"omega", &d.p.omega}};
  std::string path = (db.directory / "elasticities.csv").string();
  int nr = static_cast<int>(db.regions.size()), ns = static_cast<int>(db.sectors.size());
  for (int specificity = 0; specificity < 4; ++specificity) {
    std::map<std::tuple<std::string, int, int>, int> seen;
    for (const auto& e : db.elasticities) {
      if (2 * e.region.has_value() + e.sector.has_value() != specificity) continue;
      for (int r = 0; r < nr; ++r) {
        if (e.region && *e.region != r) continue;
        for (int i = 0; i < ns; ++i) {
          if (e.sector && *e.sector != i) continue;
          auto key = std::make_tuple(e.parameter, r, i);
          if (seen.count(key)) {
            calibration::Fail(path, e.line,
                              e.parameter + " for (" + db.regions[r] + ", " + db.sectors[i] +
                                  ") is also given on line " + std::to_string(seen[key]));
          }
          seen[key] = e.line;
          (*targets[e.parameter])(r, i) = e.value;
        }
      }
    }
  }
  if (db.small_open()) {
    // One import source: the lower Armington nest is the identity for any elasticity.
    for (auto& v : d.p.sigma_m.values()) {
      if (std::isnan(v)) v = 1.0;
    }
  }
  for (auto& [name, table] : targets) {
    for (int r = 0; r < static_cast<int>(db.regions.size()); ++r) {
      for (int i = 0; i < static_cast<int>(db.sectors.size()); ++i) {
        if (std::isnan((*table)(r, i))) {
          calibration::Fail(path, 0,
                            "no " + name + " for region " + db.regions[r] + ", sector " +
                                db.sectors[i] + " (add a row for it, or one with region *)");
        }
      }
    }
  }
}

[[noreturn]] void FailLatent(const Database& db, const LatentFlow& f, const std::string& why) {
  throw DataError((db.directory / "latent_trade.csv").string() + ":" + std::to_string(f.line) +
                  ": latent flow (" + db.sectors[f.commodity] + ", " + db.regions[f.exporter] +
                  ", " + db.regions[f.importer] + "): " + why);
}

// The elasticities a latent flow needs to be able to start.
void CheckLatentElasticities(const Database& db, const LatentFlow& f, const ModelData& d) {
  int i = f.commodity, s = f.exporter, r = f.importer;
  if (std::isfinite(d.p.omega(s, i)) && !(d.e0(s, i) > 0)) {
    FailLatent(db, f,
               db.regions[s] + " exports no " + db.sectors[i] +
                   " in the benchmark and has a CET (omega finite), so it cannot start (expected "
                   "omega = inf)");
  }
  if (!(d.p.sigma_m(r, i) > 1)) {
    FailLatent(db, f,
               "sigma_m of " + db.regions[r] + ", " + db.sectors[i] +
                   " must exceed 1 for a new source to gain a market");
  }
}

// A latent flow joins the importer's CES over sources with the share its reference value
// would have, scaled by `access` (0 in the benchmark, so the benchmark is unchanged).
void CalibrateLatent(const Database& db, ModelData& d) {
  for (const auto& f : db.latent) {
    int i = f.commodity, s = f.exporter, r = f.importer;
    auto fail = [&](const std::string& why) { FailLatent(db, f, why); };
    if (!(d.mc0(r, i) > 0))
      fail(db.regions[r] + " imports no " + db.sectors[i] + " in the benchmark");
    if (!(d.x0(s, i) > 0)) fail(db.regions[s] + " produces no " + db.sectors[i]);
    CheckLatentElasticities(db, f, d);
    double m_ref = f.value / (1 + f.export_tax_rate);
    d.latent(i, s, r) = 1.0;
    d.exportable(s, i) = 1.0;
    d.p.tm(i, s, r) = f.tariff_rate;
    d.p.te(i, s, r) = f.export_tax_rate;
    d.pms0(i, s, r) = (1 + f.export_tax_rate) * (1 + f.tariff_rate);
    d.mshare(i, s, r) = f.value * (1 + f.tariff_rate) / d.mc0(r, i);
    d.mcoef(i, s, r) = m_ref / d.mc0(r, i);
  }
}

// Owned income moves from the fixed transfers (factor income paid abroad, receipts from
// abroad) to the endogenous ownership term, in units of the factor at benchmark prices.
void CalibrateOwnership(const Database& db, ModelData& d) {
  for (const auto& o : db.ownership) {
    double net_price = 1.0 - d.p.tf(o.region, o.factor);
    if (!(d.yf0(o.region, o.factor) > 0) || !(net_price > 0)) {
      throw DataError((db.directory / "ownership.csv").string() + ":" + std::to_string(o.line) +
                      ": factor " + db.factors[o.factor] + " earns no income after tax in " +
                      db.regions[o.region] + " (expected owned income to come from it)");
    }
    d.fabr(o.region, o.factor) -= o.value;
    d.hhin(o.owner, o.household) -= o.value;
    d.p.ownq(o.region, o.factor, o.owner) = o.value / net_price;
    d.owned.push_back({o.region, o.factor, o.owner, o.household});
  }
}

}  // namespace

ModelData Calibrate(const Database& db) {
  ModelData d;
  // One region with no rest-of-world account is a closed economy: no exchange rate and no
  // balance of payments, like a one-region world.
  d.small_open = db.small_open() && !db.AccountsOfKind(AccountKind::kRestOfWorld).empty();
  d.sets.regions = model::Set("region", db.regions);
  d.sets.sectors = model::Set("sector", db.sectors);
  d.sets.factors = model::Set("factor", db.factors);
  d.sets.households = model::Set("household", db.households);
  int world = Single(db, AccountKind::kRestOfWorld);
  d.sets.partners = d.small_open
                        ? model::Set("partner", {world >= 0 ? db.accounts[world].name : "WORLD"})
                        : model::Set("partner", db.regions);
  d.mobility = db.mobility;
  d.parent = db.parent;
  SizeTables(db, d);
  SectorAccounts sa = Sectors(db);
  for (int r = 0; r < static_cast<int>(db.regions.size()); ++r) {
    CalibrateProduction(db, r, sa, d);
    CalibrateAbsorption(db, r, sa, d);
    CalibrateIncomes(db, r, sa, d);
  }
  if (!d.small_open) CalibrateBilateral(db, d);
  CalibrateElasticities(db, d);
  CalibrateOwnership(db, d);
  CalibrateLatent(db, d);
  CalibrateEntrants(db, d);
  d.p0 = d.p;
  return d;
}

void RecalibrateElasticities(const Database& db, ModelData& d) {
  // Every cell from scratch, as SizeTables leaves them: a cell no row covers must fail here
  // as in Calibrate rather than keep a previous draw's value.
  for (Table* t : {&d.p.sigma_va, &d.p.sigma_d, &d.p.sigma_m, &d.p.omega}) {
    for (double& v : t->values()) v = NAN;
  }
  CalibrateElasticities(db, d);
  for (const auto& f : db.latent) CheckLatentElasticities(db, f, d);
  d.p0.sigma_va = d.p.sigma_va;
  d.p0.sigma_d = d.p.sigma_d;
  d.p0.sigma_m = d.p.sigma_m;
  d.p0.omega = d.p.omega;
}

}  // namespace peninsula::calibration
