// Formulas of the analysis; see indicators.hpp and docs/analysis.md.
#include "app/analysis/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peninsula::app::analysis {

double UtilityIndex(const std::vector<double>& beta, const std::vector<double>& c0,
                    const std::vector<double>& c) {
  double log_u = 0.0;
  for (std::size_t i = 0; i < beta.size(); ++i) {
    if (beta[i] > 0.0 && c0[i] > 0.0) log_u += beta[i] * std::log(c[i] / c0[i]);
  }
  return std::exp(log_u);
}

double EquivalentVariation(double budget0, double u_ref, double u) { return budget0 * (u - u_ref); }

double FingerKreinin(const std::vector<double>& a, const std::vector<double>& b) {
  double ta = 0.0, tb = 0.0;
  for (double v : a) ta += v;
  for (double v : b) tb += v;
  if (!(ta > 0.0) || !(tb > 0.0)) return NAN;
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) s += std::min(a[i] / ta, b[i] / tb);
  return s;
}

std::vector<double> RevealedComparativeAdvantage(const std::vector<double>& exports,
                                                 std::size_t regions, std::size_t sectors) {
  std::vector<double> by_region(regions, 0.0), by_sector(sectors, 0.0);
  double world = 0.0;
  for (std::size_t r = 0; r < regions; ++r) {
    for (std::size_t i = 0; i < sectors; ++i) {
      double v = exports[r * sectors + i];
      by_region[r] += v;
      by_sector[i] += v;
      world += v;
    }
  }
  std::vector<double> rca(regions * sectors, NAN);
  for (std::size_t r = 0; r < regions; ++r) {
    for (std::size_t i = 0; i < sectors; ++i) {
      if (by_region[r] > 0.0 && by_sector[i] > 0.0 && world > 0.0) {
        rca[r * sectors + i] = (exports[r * sectors + i] / by_region[r]) / (by_sector[i] / world);
      }
    }
  }
  return rca;
}

std::vector<double> WorldExportShares(const std::vector<double>& exports, std::size_t regions,
                                      std::size_t sectors) {
  std::vector<double> shares(regions * sectors, NAN);
  for (std::size_t i = 0; i < sectors; ++i) {
    double world = 0.0;
    for (std::size_t r = 0; r < regions; ++r) world += exports[r * sectors + i];
    if (!(world > 0.0)) continue;
    for (std::size_t r = 0; r < regions; ++r) {
      shares[r * sectors + i] = exports[r * sectors + i] / world;
    }
  }
  return shares;
}

std::vector<std::vector<double>> ShapleyValues(int players, const Coalition& value) {
  if (players < 0 || players > 16) throw std::invalid_argument("Shapley: 0 to 16 players");
  const unsigned all = (1u << players);
  std::vector<std::vector<double>> v(all);
  for (unsigned mask = 0; mask < all; ++mask) v[mask] = value(mask);
  std::vector<double> factorial(players + 1, 1.0);
  for (int k = 1; k <= players; ++k) factorial[k] = factorial[k - 1] * k;
  std::vector<std::vector<double>> phi(players, std::vector<double>(v[0].size(), 0.0));
  for (int p = 0; p < players; ++p) {
    for (unsigned mask = 0; mask < all; ++mask) {
      if (mask & (1u << p)) continue;
      int size = __builtin_popcount(mask);
      // Weight |S|! (n - |S| - 1)! / n!: the share of orderings in which p joins S.
      double w = factorial[size] * factorial[players - size - 1] / factorial[players];
      for (std::size_t k = 0; k < phi[p].size(); ++k) {
        phi[p][k] += w * (v[mask | (1u << p)][k] - v[mask][k]);
      }
    }
  }
  return phi;
}

TurningPoint FindTurningPoint(const std::vector<double>& response, double threshold) {
  TurningPoint tp;
  for (std::size_t k = 0; k < response.size(); ++k) {
    const double v = response[k];
    const int sign = v > threshold ? 1 : (v < -threshold ? -1 : 0);
    if (sign == 0) continue;
    if (tp.initial_sign == 0) {
      tp.initial_sign = sign;
    } else if (sign == -tp.initial_sign) {
      tp.index = static_cast<int>(k);
      break;
    }
  }
  return tp;
}

double PercentChange(double a, double b) { return a == 0.0 ? NAN : 100.0 * (b / a - 1.0); }

namespace {

double Column(const SalesMatrix& m, std::size_t d) {
  double s = 0.0;
  for (const auto& row : m) s += row[d];
  return s;
}

}  // namespace

SalesMatrix MergeZones(SalesMatrix m, const std::vector<int>& parent) {
  const std::size_t n = m.size();
  for (std::size_t z = 0; z < n && z < parent.size(); ++z) {
    if (parent[z] < 0) continue;
    const std::size_t p = parent[z];
    for (std::size_t k = 0; k < n; ++k) {
      m[p][k] += m[z][k];  // the zone's sales, to its country too (then on the diagonal)
      m[z][k] = 0.0;
    }
    for (std::size_t k = 0; k < n; ++k) {
      m[k][p] += m[k][z];  // purchases from the zone's market
      m[k][z] = 0.0;
    }
  }
  return m;
}

ChannelSplit SplitSalesChange(const SalesMatrix& reference, const SalesMatrix& scenario, int home,
                              int partner) {
  ChannelSplit c;
  const std::size_t h = home;
  for (std::size_t d = 0; d < reference.size(); ++d) {
    double v0 = reference[h][d], v1 = scenario[h][d];
    c.total += v1 - v0;
    if (static_cast<int>(d) == partner) {
      c.partner_demand += v1 - v0;
      continue;
    }
    double& size = d == h ? c.home_market_size : c.third_market_size;
    double s0 = Column(reference, d), s1 = Column(scenario, d);
    if (!(s0 > 0.0) || !(s1 > 0.0)) {  // a market that opens or closes: all size
      size += v1 - v0;
      continue;
    }
    // v1 - v0 = sh0 (s1 - s0) + s1 (sh1 - sh0), and sh1 - sh0 of home is minus the sum of
    // every other supplier's share change: each competitor's gain is its own channel.
    size += v0 / s0 * (s1 - s0);
    for (std::size_t s = 0; s < reference.size(); ++s) {
      if (s == h) continue;
      double gain = -s1 * (scenario[s][d] / s1 - reference[s][d] / s0);
      if (static_cast<int>(s) != partner) {
        c.other_competition += gain;
      } else if (d == h) {
        c.partner_competition_home += gain;
      } else {
        c.partner_competition_third += gain;
      }
    }
  }
  return c;
}

}  // namespace peninsula::app::analysis
