// Dense states and the scenario-versus-reference comparison; formulas in docs/analysis.md.
#include "app/analysis/economy.hpp"

#include <cmath>

namespace peninsula::app::analysis {
namespace {

using model::Model;
using model::VarId;

double Get(const Model& m, VarId id, const std::vector<double>& x, int a, int b = 0, int c = 0) {
  const auto& block = m.registry().block(id);
  int local = block.Find(a, b, c);
  return local < 0 ? 0.0 : x[block.offset() + local];
}

double FactorPrice(const Model& m, const std::vector<double>& x, int r, int f, int j) {
  const auto& v = m.vars();
  return m.data().mobility[f] == model::Mobility::kMobile ? Get(m, v.PF, x, r, f)
                                                          : Get(m, v.PFS, x, r, f, j);
}

// Laspeyres indices of the prices a region receives for its exports and pays for its imports,
// in world (numeraire) terms: fob = cif, with the export tax and an exporter's quota rent.
void TradePrices(const Model& m, const std::vector<double>& x, const model::ShockableParameters& p,
                 State& s) {
  const auto& d = m.data();
  const int R = d.sets.regions.size(), I = d.sets.sectors.size();
  s.export_price.assign(R, NAN);
  s.import_price.assign(R, NAN);
  for (int r = 0; r < R; ++r) {
    double xn = 0, xd = 0, mn = 0, md = 0;
    for (int i = 0; i < I; ++i) {
      if (d.small_open) {
        xn += d.e0(r, i) * p.pwe(i);
        xd += d.e0(r, i) * d.p0.pwe(i);
        mn += d.m0(i, 0, r) * p.pwm(i);
        md += d.m0(i, 0, r) * d.p0.pwm(i);
        continue;
      }
      for (int o = 0; o < R; ++o) {
        auto fob = [&](int src, int dst) {
          double rent = d.rent_to(i, src, dst) == 1 ? Get(m, m.vars().RENT, x, i, src, dst) : 0.0;
          return Get(m, m.vars().PE, x, src, i) * (1 + p.te(i, src, dst) + rent);
        };
        xn += d.m0(i, r, o) * fob(r, o);
        xd += d.m0(i, r, o) * (1 + d.p0.te(i, r, o));
        mn += d.m0(i, o, r) * fob(o, r);
        md += d.m0(i, o, r) * (1 + d.p0.te(i, o, r));
      }
    }
    if (xd > 0) s.export_price[r] = xn / xd;
    if (md > 0) s.import_price[r] = mn / md;
  }
}

}  // namespace

State ReadState(const Model& m, const std::vector<double>& x, const model::ShockableParameters& p) {
  const auto& sets = m.sets();
  const auto& v = m.vars();
  const int R = sets.regions.size(), I = sets.sectors.size(), F = sets.factors.size();
  const int H = sets.households.size(), S = sets.partners.size();
  State s;
  for (int r = 0; r < R; ++r) {
    s.CPI.push_back(Get(m, v.CPI, x, r));
    for (int i = 0; i < I; ++i) {
      // An entering technology's output, value added and factors count with the sector's.
      double bundles = Get(m, v.YN, x, r, i);
      s.X.push_back(Get(m, v.X, x, r, i) + p.entry(r, i) * bundles);
      s.E.push_back(Get(m, v.E, x, r, i));
      s.D.push_back(Get(m, v.D, x, r, i));
      double entrant_va =
          model::HasEntrant(m.data(), r, i) ? m.data().entry_ava(r, i) * bundles : 0;
      s.VA.push_back(Get(m, v.VA, x, r, i) + entrant_va);
    }
    for (int f = 0; f < F; ++f) {
      for (int j = 0; j < I; ++j) {
        double use = Get(m, v.F, x, r, f, j), entrant = Get(m, v.FN, x, r, f, j);
        s.F.push_back(use + entrant);
        double price = use + entrant > 0 ? FactorPrice(m, x, r, f, j) : 0.0;
        s.income.push_back((use + entrant) * price);
      }
    }
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < I; ++i) s.C.push_back(Get(m, v.C, x, r, h, i));
  }
  for (int i = 0; i < I; ++i)
    for (int o = 0; o < S; ++o)
      for (int r = 0; r < R; ++r) s.M.push_back(Get(m, v.M, x, i, o, r));
  TradePrices(m, x, p, s);
  return s;
}

std::vector<double> Utilities(const Model& m, const State& s) {
  const auto& d = m.data();
  const int R = d.sets.regions.size(), H = d.sets.households.size(), I = d.sets.sectors.size();
  std::vector<double> u;
  for (int r = 0; r < R; ++r) {
    for (int h = 0; h < H; ++h) {
      std::vector<double> beta, c0, c;
      for (int i = 0; i < I; ++i) {
        beta.push_back(d.beta(r, h, i));
        c0.push_back(d.c0(r, h, i));
        c.push_back(s.C[(r * H + h) * I + i]);
      }
      u.push_back(UtilityIndex(beta, c0, c));
    }
  }
  return u;
}

std::vector<double> Budgets(const Model& m) {
  const auto& d = m.data();
  const int R = d.sets.regions.size(), H = d.sets.households.size(), I = d.sets.sectors.size();
  std::vector<double> b(R * H, 0.0);
  for (int r = 0; r < R; ++r)
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < I; ++i) b[r * H + h] += (1 + d.p0.tc(r, i)) * d.c0(r, h, i);
  return b;
}

std::vector<double> RegionEv(const Model& m, const std::vector<double>& u_ref,
                             const std::vector<double>& u) {
  const int R = m.sets().regions.size(), H = m.sets().households.size();
  std::vector<double> budgets = Budgets(m), ev(R, 0.0);
  for (int r = 0; r < R; ++r)
    for (int h = 0; h < H; ++h)
      ev[r] += EquivalentVariation(budgets[r * H + h], u_ref[r * H + h], u[r * H + h]);
  return ev;
}

const std::vector<std::string>& ChannelNames() {
  static const std::vector<std::string> names = {"total",
                                                 "partner_demand",
                                                 "home_market_size",
                                                 "third_market_size",
                                                 "partner_competition_home",
                                                 "partner_competition_third",
                                                 "other_competition"};
  return names;
}

}  // namespace peninsula::app::analysis
