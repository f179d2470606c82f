// Compare(): a scenario against its reference, indicator by indicator (docs/analysis.md).
#include <cmath>
#include <optional>

#include "app/analysis/economy.hpp"

namespace peninsula::app::analysis {
namespace {

struct Dims {
  int R, I, F, H;
};

std::vector<double> Sum(const std::vector<double>& v, int rows, int cols) {
  std::vector<double> s(rows, 0.0);
  for (int a = 0; a < rows; ++a)
    for (int b = 0; b < cols; ++b) s[a] += v[a * cols + b];
  return s;
}

std::vector<double> Pct(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size());
  for (std::size_t k = 0; k < a.size(); ++k) out[k] = PercentChange(a[k], b[k]);
  return out;
}

std::vector<long long> LabourFactors(const model::Model& m, const AnalysisOptions& o) {
  std::vector<long long> flag;
  for (const auto& f : m.sets().factors.labels()) flag.push_back(f.rfind(o.labour_prefix, 0) == 0);
  return flag;
}

// Labour income over all factor income, [region][sector]; NaN without value added.
std::vector<double> LabourShares(const State& s, const Dims& d, const std::vector<long long>& lab) {
  std::vector<double> share(d.R * d.I, NAN);
  for (int r = 0; r < d.R; ++r) {
    for (int j = 0; j < d.I; ++j) {
      double labour = 0, all = 0;
      for (int f = 0; f < d.F; ++f) {
        double v = s.income[(r * d.F + f) * d.I + j];
        all += v;
        if (lab[f]) labour += v;
      }
      if (all > 0) share[r * d.I + j] = labour / all;
    }
  }
  return share;
}

// A sector is labour-intensive when its world labour share of value added (reference state)
// is above the labour share of world value added as a whole.
std::vector<long long> LabourIntensive(const State& s, const Dims& d,
                                       const std::vector<long long>& lab) {
  std::vector<double> labour(d.I, 0.0), all(d.I, 0.0);
  double total_labour = 0, total = 0;
  for (int r = 0; r < d.R; ++r)
    for (int f = 0; f < d.F; ++f)
      for (int j = 0; j < d.I; ++j) {
        double v = s.income[(r * d.F + f) * d.I + j];
        all[j] += v;
        total += v;
        if (lab[f]) labour[j] += v, total_labour += v;
      }
  std::vector<long long> flag(d.I, 0);
  for (int j = 0; j < d.I; ++j) flag[j] = all[j] > 0 && labour[j] / all[j] > total_labour / total;
  return flag;
}

void FactorIndicators(const State& a, const State& b, const Dims& d,
                      const std::vector<long long>& lab, Comparison& c) {
  for (int r = 0; r < d.R; ++r) {
    for (int f = 0; f < d.F; ++f) {
      double fa = 0, fb = 0, ya = 0, yb = 0;
      for (int j = 0; j < d.I; ++j) {
        int k = (r * d.F + f) * d.I + j;
        fa += a.F[k], fb += b.F[k], ya += a.income[k], yb += b.income[k];
      }
      c.employment.push_back(PercentChange(fa, fb));
      bool defined = fa > 0 && fb > 0;
      c.real_return.push_back(defined ? PercentChange(ya / fa / a.CPI[r], yb / fb / b.CPI[r])
                                      : NAN);
    }
    for (int j = 0; j < d.I; ++j) {
      double la = 0, lb = 0;
      for (int f = 0; f < d.F; ++f) {
        if (!lab[f]) continue;
        la += a.F[(r * d.F + f) * d.I + j], lb += b.F[(r * d.F + f) * d.I + j];
      }
      c.sector_labour.push_back(PercentChange(la, lb));
    }
  }
}

void TradeIndicators(const State& a, const State& b, const Dims& d, int S, Comparison& c) {
  c.exports = Pct(Sum(a.E, d.R, d.I), Sum(b.E, d.R, d.I));
  c.sector_exports = Pct(a.E, b.E);
  c.bilateral_ref.assign(S * d.R, 0.0);
  c.bilateral.assign(S * d.R, 0.0);
  std::vector<double> ma(d.R, 0.0), mb(d.R, 0.0);
  for (int i = 0; i < d.I; ++i)
    for (int s = 0; s < S; ++s)
      for (int r = 0; r < d.R; ++r) {
        int k = (i * S + s) * d.R + r;
        c.bilateral_ref[s * d.R + r] += a.M[k], c.bilateral[s * d.R + r] += b.M[k];
        ma[r] += a.M[k], mb[r] += b.M[k];
      }
  c.imports = Pct(ma, mb);
  for (int r = 0; r < d.R; ++r) {
    double ta = a.export_price[r] / a.import_price[r], tb = b.export_price[r] / b.import_price[r];
    c.terms_of_trade.push_back(PercentChange(ta, tb));
  }
  c.rca_ref = RevealedComparativeAdvantage(a.E, d.R, d.I);
  c.rca = RevealedComparativeAdvantage(b.E, d.R, d.I);
  c.world_share_ref = WorldExportShares(a.E, d.R, d.I);
  c.world_share = WorldExportShares(b.E, d.R, d.I);
  auto row = [&](const std::vector<double>& e, int r) {
    return std::vector<double>(e.begin() + r * d.I, e.begin() + (r + 1) * d.I);
  };
  for (int r = 0; r < d.R; ++r)
    for (int q = 0; q < d.R; ++q) {
      c.similarity_ref.push_back(FingerKreinin(row(a.E, r), row(a.E, q)));
      c.similarity.push_back(FingerKreinin(row(b.E, r), row(b.E, q)));
    }
}

// Sales of sector i by supplier and market: own market D, other markets M (bvu).
SalesMatrix Sales(const State& s, const Dims& d, int i) {
  SalesMatrix m(d.R, std::vector<double>(d.R, 0.0));
  for (int o = 0; o < d.R; ++o)
    for (int r = 0; r < d.R; ++r)
      m[o][r] = o == r ? s.D[o * d.I + i] : s.M[(i * d.R + o) * d.R + r];
  return m;
}

void Channels(const model::Model& m, const State& a, const State& b, const Dims& d,
              const AnalysisOptions& o, Comparison& c) {
  std::optional<int> home = m.sets().regions.Find(o.home);
  std::optional<int> partner = m.sets().regions.Find(o.partner);
  if (!home || !partner || m.data().small_open) {
    c.notes.push_back("complementarity channels skipped: regions '" + o.home + "' and '" +
                      o.partner + "' are not both regions of this world database");
    return;
  }
  const int K = static_cast<int>(ChannelNames().size());
  c.channels.assign(K * d.I, 0.0);
  for (int i = 0; i < d.I; ++i) {
    const std::vector<int>& zones = m.data().parent;
    ChannelSplit s = SplitSalesChange(MergeZones(Sales(a, d, i), zones),
                                      MergeZones(Sales(b, d, i), zones), *home, *partner);
    double v[] = {s.total,
                  s.partner_demand,
                  s.home_market_size,
                  s.third_market_size,
                  s.partner_competition_home,
                  s.partner_competition_third,
                  s.other_competition};
    for (int k = 0; k < K; ++k) c.channels[k * d.I + i] = v[k];
  }
}

}  // namespace

Comparison Compare(const model::Model& m, const State& a, const State& b,
                   const AnalysisOptions& o) {
  const auto& sets = m.sets();
  Dims d{sets.regions.size(), sets.sectors.size(), sets.factors.size(), sets.households.size()};
  Comparison c;
  c.ev = RegionEv(m, Utilities(m, a), Utilities(m, b));
  std::vector<double> budgets = Sum(Budgets(m), d.R, d.H);
  for (int r = 0; r < d.R; ++r) c.ev_percent.push_back(100.0 * c.ev[r] / budgets[r]);
  c.real_gdp = Pct(Sum(a.VA, d.R, d.I), Sum(b.VA, d.R, d.I));
  c.output = Pct(a.X, b.X);
  c.labour_factor = LabourFactors(m, o);
  c.labour_share_ref = LabourShares(a, d, c.labour_factor);
  c.labour_share = LabourShares(b, d, c.labour_factor);
  c.labour_intensive = LabourIntensive(a, d, c.labour_factor);
  bool any_labour = false;
  for (auto f : c.labour_factor) any_labour = any_labour || f;
  if (!any_labour) {
    c.notes.push_back("labour indicators skipped: no factor label starts with '" + o.labour_prefix +
                      "'");
  }
  FactorIndicators(a, b, d, c.labour_factor, c);
  TradeIndicators(a, b, d, sets.partners.size(), c);
  for (const auto& r : o.comparators) {
    if (!sets.regions.Find(r)) c.notes.push_back("comparator '" + r + "' is not a region");
  }
  Channels(m, a, b, d, o, c);
  return c;
}

}  // namespace peninsula::app::analysis
