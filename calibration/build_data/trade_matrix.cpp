// The bilateral trade matrix (see trade_matrix.hpp).
#include "calibration/build_data/trade_matrix.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <cmath>

#include "calibration/csv.hpp"
#include "solver/cross_entropy.hpp"

namespace peninsula::calibration::build_data {
namespace {

int IndexOf(const std::vector<std::string>& list, const std::string& name, const std::string& what,
            const std::string& origin) {
  auto it = std::find(list.begin(), list.end(), name);
  if (it == list.end()) throw DataError(origin + ": unknown " + what + " '" + name + "'");
  return static_cast<int>(it - list.begin());
}

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

enum class Kind { kZero, kFixed, kUnknown };

// One linear target over flows, before fixed flows are moved to the right-hand side.
struct FlowTarget {
  std::string name;
  std::vector<int> cells;
  Sourced value;
};

class TradeBuilder {
 public:
  TradeBuilder(const BuildConfig& c, const std::vector<RegionInputs>& regions, const Evaluator& e)
      : c_(c), in_(regions), eval_(e) {
    m_.sectors = static_cast<int>(c.sectors.size());
    m_.regions = static_cast<int>(c.regions.size());
    const int n = m_.sectors * m_.regions * m_.regions;
    m_.value.assign(n, 0);
    m_.tariff_rate.assign(n, 0.0);
    m_.derivation.assign(n, "");
    kind_.assign(n, Kind::kZero);
    prior_.assign(n, 0.0);
    fixed_.assign(n, 0.0);
    notes_.assign(n, "");
  }

  TradeMatrix Build() {
    InterKoreanFlows();
    GoodsPrior();
    ServicesPrior();
    ZeroFlows();
    ConfigTargets();
    Solve();
    Tariffs();
    Report();
    return std::move(m_);
  }

 private:
  int R(const std::string& name, const std::string& origin) const {
    return IndexOf(c_.regions, name, "region", origin);
  }
  int S(const std::string& name, const std::string& origin) const {
    return IndexOf(c_.sectors, name, "sector", origin);
  }
  bool IsInterKorean(int s, int r) const {
    const int kor = R("KOR", c_.file.string()), prk = R("PRK", c_.file.string());
    return (s == kor && r == prk) || (s == prk && r == kor);
  }
  // Zones trade only the flows fixed for them, and charge no tariff (processing terms).
  bool Estimated(int s, int r) const {
    return s != r && !IsInterKorean(s, r) && !c_.Zone(s) && !c_.Zone(r);
  }

  void InterKoreanFlows() {
    const InterKorean& ik = c_.inter_korean;
    const Sourced total = eval_.Million(ik.two_way_total);
    for (const auto& [sel, from, to] : {std::tuple{&ik.north_to_south, ik.north.c_str(), "KOR"},
                                        {&ik.south_to_north, "KOR", ik.north.c_str()}}) {
      const Sourced flow = eval_.Million(*sel);
      const int s = R(from, sel->origin), r = R(to, sel->origin);
      Quanta assigned = 0;
      for (const auto& [sector, row] : ik.items) {
        const Sourced item = eval_.Million(row);
        const int id = m_.Id(S(sector, row.origin), s, r);
        SetFixed(id, ToQuanta(flow.value * item.value / total.value),
                 flow.ref + " x " + item.ref + " / " + total.ref + " (two-way item share)");
        assigned += m_.value[id];
      }
      const int rest = m_.Id(S(ik.remainder_sector, c_.file.string()), s, r);
      SetFixed(
          rest, ToQuanta(flow.value) - assigned,
          flow.ref + " minus the listed items (remainder assigned to " + ik.remainder_sector + ")");
    }
  }

  void SetFixed(int id, Quanta q, const std::string& derivation) {
    kind_[id] = Kind::kFixed;
    m_.value[id] = q;
    fixed_[id] = ToMillion(q);
    m_.derivation[id] = "fixed: " + derivation;
  }

  void GoodsPrior() {
    for (int s = 0; s < m_.regions; ++s) {
      if (c_.Zone(s)) continue;
      const std::vector<double> go = GrossOutputPrior(in_[s]);
      double goods_total = 0;
      for (const auto& g : c_.goods) goods_total += go[S(g, c_.file.string())];
      for (int r = 0; r < m_.regions; ++r) {
        if (!Estimated(s, r)) continue;
        Selector sel;
        sel.file = "trade_goods.csv";
        sel.indicator = "export_value";
        sel.region = c_.regions[s];
        sel.partner = c_.regions[r];
        sel.origin = c_.file.string() + " (goods pair totals)";
        const Sourced total = eval_.Million(sel);
        goods_[s * m_.regions + r] = total.value;
        FlowTarget t{"goods " + c_.regions[s] + "->" + c_.regions[r], {}, total};
        for (const auto& g : c_.goods) {
          const int i = S(g, sel.origin), id = m_.Id(i, s, r);
          kind_[id] = Kind::kUnknown;
          prior_[id] = total.value * go[i] / goods_total;
          notes_[id] = "prior: pair total " + total.ref + " x exporter gross-output share";
          t.cells.push_back(id);
        }
        targets_.push_back(std::move(t));
      }
    }
  }

  // Services s -> r: the goods flow s -> r times the world services/goods ratio, split by the
  // exporter's gross-output mix of traded services. Targets then fix the known totals.
  void ServicesPrior() {
    const Sourced num = eval_.Million(c_.services_numerator);
    const Sourced den = eval_.Million(c_.services_denominator);
    const double ratio = num.value / den.value;
    for (int s = 0; s < m_.regions; ++s) {
      if (c_.Zone(s)) continue;
      const std::vector<double> go = GrossOutputPrior(in_[s]);
      double services_go = 0;
      for (const auto& x : c_.traded_services) services_go += go[S(x, c_.file.string())];
      for (int r = 0; r < m_.regions; ++r) {
        if (!Estimated(s, r)) continue;
        for (const auto& x : c_.traded_services) {
          const int i = S(x, c_.file.string()), id = m_.Id(i, s, r);
          kind_[id] = Kind::kUnknown;
          prior_[id] = goods_[s * m_.regions + r] * ratio * go[i] / services_go;
          notes_[id] = "prior: goods flow x world services/goods " + num.ref + " / " + den.ref +
                       " x exporter services gross-output mix";
        }
      }
    }
  }

  void ZeroFlows() {
    for (const ZeroFlow& z : c_.zero_flows) {
      const int s = R(z.exporter, c_.file.string());
      for (const auto& x : z.sectors) {
        for (int r = 0; r < m_.regions; ++r) {
          const int id = m_.Id(S(x, c_.file.string()), s, r);
          if (kind_[id] == Kind::kFixed)
            throw DataError(c_.file.string() + ": zero flow " + z.exporter + " " + x +
                            " conflicts with a fixed inter-Korean flow");
          kind_[id] = Kind::kZero;
          prior_[id] = 0;
        }
      }
    }
  }

  void ConfigTargets() {
    for (const TradeTarget& t : c_.trade_targets) {
      FlowTarget f{t.name, {}, eval_.Million(t.value)};
      for (const auto& e : t.exporters)
        for (const auto& r : t.importers)
          for (const auto& x : t.sectors) {
            const int s = R(e, t.value.origin), d = R(r, t.value.origin);
            if (s == d)
              throw DataError(t.value.origin + ": target '" + t.name + "' lists " + e +
                              " as exporter and importer");
            f.cells.push_back(m_.Id(S(x, t.value.origin), s, d));
          }
      targets_.push_back(std::move(f));
    }
  }

  void Solve() {
    std::vector<int> unknown_of(kind_.size(), -1);
    solver::CrossEntropyProblem p;
    for (size_t id = 0; id < kind_.size(); ++id) {
      if (kind_[id] != Kind::kUnknown) continue;
      unknown_of[id] = p.size();
      p.prior.push_back(prior_[id]);
    }
    for (const FlowTarget& t : targets_) {
      solver::LinearConstraint lc{
          t.name + " = " + FormatNumber(t.value.value) + " (" + t.value.ref + ")",
          {},
          {},
          t.value.value};
      for (int id : t.cells) {
        if (kind_[id] == Kind::kFixed) lc.rhs -= fixed_[id];
        if (kind_[id] != Kind::kUnknown) continue;
        lc.index.push_back(unknown_of[id]);
        lc.coef.push_back(1.0);
        notes_[id] += "; target " + t.value.ref;
      }
      if (lc.index.empty()) {
        if (std::abs(lc.rhs) > 1e-9 * std::max(1.0, std::abs(t.value.value)))
          throw DataError(c_.file.string() + ": trade target '" + t.name +
                          "' has no flow left to estimate and misses by " + FormatNumber(lc.rhs));
        continue;
      }
      if (lc.rhs <= 0)
        throw DataError(c_.file.string() + ": trade target '" + t.name + "' (" + t.value.ref +
                        ") leaves " + FormatNumber(lc.rhs) +
                        " US$ million for its estimated flows (expected > 0)");
      p.equalities.push_back(std::move(lc));
    }
    solver::CrossEntropyResult res = solver::SolveCrossEntropy(p);
    if (!res.converged())
      throw DataError(c_.file.string() + ": the trade matrix cannot be balanced (" +
                      solver::StatusName(res.status) + "): worst target '" + res.worst_constraint +
                      "'; " + res.message);
    for (size_t id = 0; id < kind_.size(); ++id) {
      if (kind_[id] != Kind::kUnknown) continue;
      m_.value[id] = ToQuanta(res.x[unknown_of[id]]);
      m_.derivation[id] = "cross-entropy estimate (" + notes_[id] + ")";
    }
  }

  // The source rate is adjusted (by less than one US$ of revenue) so that the revenue is a
  // whole number of US$: the SAM's tariff cell and Σ value · rate of trade.csv then agree to
  // machine precision, which the benchmark check needs.
  void Tariffs() {
    m_.tariff_revenue.assign(m_.sectors * m_.regions, 0);
    for (int i = 0; i < m_.sectors; ++i)
      for (int r = 0; r < m_.regions; ++r) {
        if (c_.Zone(r)) continue;
        const double rate = in_[r].tariff_rate[i].value;
        if (rate == 0 || !Contains(c_.goods, c_.sectors[i])) continue;
        Quanta base = 0;
        for (int s = 0; s < m_.regions; ++s)
          if (Tariffed(s, r)) base += m_.value[m_.Id(i, s, r)];
        if (base == 0) continue;
        const Quanta revenue = std::llround(static_cast<double>(base) * rate);
        m_.tariff_revenue[i * m_.regions + r] = revenue;
        const double effective = static_cast<double>(revenue) / static_cast<double>(base);
        for (int s = 0; s < m_.regions; ++s) {
          const int id = m_.Id(i, s, r);
          if (!Tariffed(s, r) || m_.value[id] == 0) continue;
          m_.tariff_rate[id] = effective;
          m_.derivation[id] += "; tariff " + in_[r].tariff_rate[i].ref;
        }
      }
  }

  bool Tariffed(int s, int r) const {
    return s != r && !c_.Zone(s) &&
           !Contains(c_.tariff_free_pairs, c_.regions[s] + "-" + c_.regions[r]);
  }

  void Report() {
    for (const FlowTarget& t : targets_) {
      Quanta sum = 0;
      for (int id : t.cells) sum += m_.value[id];
      m_.target_report.push_back(t.name + ": " + FormatNumber(t.value.value) + " (" + t.value.ref +
                                 "), reproduced " + FormatQuanta(sum));
    }
  }

  const BuildConfig& c_;
  const std::vector<RegionInputs>& in_;
  const Evaluator& eval_;
  TradeMatrix m_;
  std::vector<Kind> kind_;
  std::vector<double> prior_, fixed_;
  std::vector<std::string> notes_;
  std::vector<FlowTarget> targets_;
  std::map<int, double> goods_;  // pair -> goods total, US$ million
};

}  // namespace

Quanta TradeMatrix::Exports(int i, int s) const {
  Quanta sum = 0;
  for (int r = 0; r < regions; ++r) sum += value[Id(i, s, r)];
  return sum;
}

Quanta TradeMatrix::Imports(int i, int r) const {
  Quanta sum = 0;
  for (int s = 0; s < regions; ++s) sum += value[Id(i, s, r)];
  return sum;
}

TradeMatrix BuildTradeMatrix(const BuildConfig& config, const std::vector<RegionInputs>& regions,
                             const Evaluator& eval) {
  return TradeBuilder(config, regions, eval).Build();
}

}  // namespace peninsula::calibration::build_data
