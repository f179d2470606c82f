// The terms of the linearised welfare equation at one state (docs/analysis.md, "Welfare
// decomposition by source", equation (W)). Each loop runs over a variable's domain only, so
// two states of one model give term lists of the same layout.
#include <cmath>

#include "app/analysis/welfare_sources.hpp"

namespace peninsula::app::analysis {
namespace {

using model::Model;
using model::VarId;

class Terms {
 public:
  Terms(const Model& m, const model::ShockableParameters& p, const std::vector<double>& x,
        int numeraire)
      : m_(m), d_(m.data()), v_(m.vars()), p_(p), x_(x) {
    W_ = d_.small_open ? Get(v_.EXR, 0) : x[numeraire];
    Deflators();
  }

  std::vector<WelfareTerm> Collect() {
    for (int r = 0; r < R(); ++r) Region(r);
    Trade();
    Ownership();
    return std::move(out_);
  }

 private:
  int R() const { return d_.sets.regions.size(); }
  int I() const { return d_.sets.sectors.size(); }
  double Get(VarId id, int a, int b = 0, int c = 0) const {
    const auto& block = m_.registry().block(id);
    int local = block.Find(a, b, c);
    return local < 0 ? 0.0 : x_[block.offset() + local];
  }
  bool Has(VarId id, int a, int b = 0, int c = 0) const {
    return m_.registry().block(id).Has(a, b, c);
  }
  double Purchaser(int r, int i) const { return (1 + p_.tc(r, i)) * Get(v_.PA, r, i); }
  // A term of region r's aggregate budget, deflated by the region's utility price index.
  void Add(Source part, int r, double weight, double quantity) {
    out_.push_back({static_cast<int>(part), r, weight * inverse_deflator_[r], quantity});
  }

  // P^U_h = prod_i (P_i / P0_i)^beta_hi, the Cobb-Douglas cost of a unit of the utility index
  // relative to the benchmark; the region's deflator is their benchmark-budget-weighted mean.
  void Deflators() {
    const int H = d_.sets.households.size();
    household_index_.assign(R() * H, 1.0);
    inverse_deflator_.assign(R(), 0.0);
    for (int r = 0; r < R(); ++r) {
      double budget = 0, weighted = 0;
      int consumers = 0, last = 0;
      for (int h = 0; h < H; ++h) {
        double log_p = 0, b0 = 0;
        for (int i = 0; i < I(); ++i) {
          if (!(d_.c0(r, h, i) > 0 && d_.beta(r, h, i) > 0)) continue;
          log_p += d_.beta(r, h, i) * std::log(Purchaser(r, i) / (1 + d_.p0.tc(r, i)));
          b0 += (1 + d_.p0.tc(r, i)) * d_.c0(r, h, i);
        }
        household_index_[r * H + h] = std::exp(log_p);
        if (b0 > 0) {
          ++consumers;
          last = h;
        }
        budget += b0;
        weighted += b0 * std::exp(log_p);
      }
      // A region without household consumption has no EV: its terms weigh nothing. With one
      // household the region's index is the household's, to the last bit.
      if (budget > 0) inverse_deflator_[r] = budget / weighted;
      if (consumers == 1) inverse_deflator_[r] = 1.0 / household_index_[r * H + last];
    }
  }

  // An entering technology: its output is taxed like the incumbent's, and its productivity
  // (output per bundle, and the region's value-added TFP) is technology.
  void Entrant(int r, int j) {
    double level = Get(v_.YN, r, j), px = Get(v_.PX, r, j);
    Add(Source::kProductionTax, r, p_.tp(r, j) * px, p_.entry(r, j) * level);
    Add(Source::kTechnology, r, px * level, p_.entry(r, j));
    Add(Source::kTechnology, r, Get(v_.PVAN, r, j) * d_.entry_ava(r, j) * level,
        std::log(p_.tfp(r, j)));
  }

  void Region(int r) {
    const auto& s = d_.sets;
    for (int j = 0; j < I(); ++j) {
      if (Has(v_.X, r, j)) {
        Add(Source::kProductionTax, r, p_.tp(r, j) * Get(v_.PX, r, j), Get(v_.X, r, j));
      }
      if (Has(v_.VA, r, j)) {
        Add(Source::kTechnology, r, Get(v_.PVA, r, j) * Get(v_.VA, r, j), std::log(p_.tfp(r, j)));
      }
      if (Has(v_.YN, r, j)) Entrant(r, j);
    }
    for (int i = 0; i < I(); ++i) {
      if (Has(v_.Q, r, i))
        Add(Source::kSalesTax, r, p_.tc(r, i) * Get(v_.PA, r, i), Get(v_.Q, r, i));
      if (Has(v_.G, r, i)) Add(Source::kGovernment, r, -Purchaser(r, i), Get(v_.G, r, i));
      if (Has(v_.XV, r, i)) Add(Source::kInvestment, r, -Purchaser(r, i), Get(v_.XV, r, i));
      Variety(r, i);
    }
    for (int f = 0; f < s.factors.size(); ++f) {
      if (Has(v_.QF, r, f)) Add(Source::kEndowments, r, Get(v_.PF, r, f), Get(v_.QF, r, f));
      if (Has(v_.UNEMP, r, f))
        Add(Source::kUnemployment, r, -Get(v_.PF, r, f), Get(v_.UNEMP, r, f));
      for (int j = 0; j < I(); ++j) {
        if (Has(v_.QFS, r, f, j)) {
          Add(Source::kEndowments, r, Get(v_.PFS, r, f, j), Get(v_.QFS, r, f, j));
        }
      }
    }
    Add(Source::kForeignSavings, r, W_, p_.fsav(r));
    Distribution(r);
  }

  // Households whose utility price differs from the region's deflator: their consumption
  // changes are worth more or less than the region's aggregate terms count them.
  void Distribution(int r) {
    const int H = d_.sets.households.size();
    for (int h = 0; h < H; ++h) {
      double gap = 1.0 / household_index_[r * H + h] - inverse_deflator_[r];
      for (int i = 0; i < I(); ++i) {
        if (!Has(v_.C, r, h, i)) continue;
        out_.push_back({static_cast<int>(Source::kDistribution), r, gap * Purchaser(r, i),
                        Get(v_.C, r, h, i)});
      }
    }
  }

  // Opening a latent source adds a variety to the import composite: at given imports the
  // composite grows by PMC·MC/(σm−1)·w_s·(π_s/PMC)^(1−σm) per unit of access.
  void Variety(int r, int i) {
    if (!Has(v_.MC, r, i)) return;
    const double sigma = p_.sigma_m(r, i), pmc = Get(v_.PMC, r, i);
    for (int s = 0; s < d_.sets.partners.size(); ++s) {
      if (d_.latent(i, s, r) == 0 || sigma == 1.0) continue;
      double pi = ImportPrice(i, s, r) / d_.pms0(i, s, r);
      double w = d_.mshare(i, s, r) * std::pow(pi / pmc, 1 - sigma);
      Add(Source::kImportVariety, r, pmc * Get(v_.MC, r, i) / (sigma - 1) * w, p_.access(i, s, r));
    }
  }

  double Rent(int i, int s, int r, model::RentRecipient who) const {
    bool to = !d_.small_open && d_.rent_to(i, s, r) == static_cast<double>(who);
    return to ? Get(v_.RENT, i, s, r) : 0.0;
  }
  // cif = fob price of a bilateral flow, domestic (numeraire) units.
  double WorldPrice(int i, int s, int r) const {
    if (d_.small_open) return W_ * p_.pwm(i);
    return Get(v_.PE, s, i) * (1 + p_.te(i, s, r) + Rent(i, s, r, model::RentRecipient::kExporter));
  }
  double ImportPrice(int i, int s, int r) const {
    return WorldPrice(i, s, r) *
           (1 + p_.tm(i, s, r) + Rent(i, s, r, model::RentRecipient::kImporter));
  }

  void Trade() {
    for (int i = 0; i < I(); ++i)
      for (int s = 0; s < d_.sets.partners.size(); ++s)
        for (int r = 0; r < R(); ++r)
          if (Has(v_.M, i, s, r)) Flow(i, s, r);
    if (!d_.small_open) return;
    for (int i = 0; i < I(); ++i) {  // the small economy's exports at exogenous world prices
      if (!Has(v_.E, 0, i)) continue;
      double e = Get(v_.E, 0, i);
      Add(Source::kExportTaxes, 0, p_.te(i, 0, 0) * Get(v_.PE, 0, i), e);
      Add(Source::kTermsOfTrade, 0, W_ * e, p_.pwe(i));
    }
  }

  // One flow of i from s into r: the importer's tariff and rent wedges, the exporter's export
  // tax and rent wedges, and both sides of its world price change.
  void Flow(int i, int s, int r) {
    const double m = Get(v_.M, i, s, r), pwm = WorldPrice(i, s, r);
    Add(Source::kTariffs, r, p_.tm(i, s, r) * pwm, m);
    Add(Source::kTermsOfTrade, r, -W_ * m, pwm / W_);
    if (d_.small_open) return;
    Add(Source::kQuotaRents, r, Rent(i, s, r, model::RentRecipient::kImporter) * pwm, m);
    const double pe = Get(v_.PE, s, i);
    Add(Source::kExportTaxes, s, p_.te(i, s, r) * pe, m);
    Add(Source::kQuotaRents, s, Rent(i, s, r, model::RentRecipient::kExporter) * pe, m);
    Add(Source::kTermsOfTrade, s, W_ * m, pwm / W_);
  }

  // Factor income owned abroad: ownq units earn (1−tf)·PF for the owner and are deducted
  // from the host's income; split into the change in units owned and in their net return.
  double EmployedShare(int r, int f) const {
    if (!Has(v_.UNEMP, r, f)) return 1.0;
    return 1.0 - Get(v_.UNEMP, r, f) / Get(v_.QF, r, f);
  }

  void Ownership() {
    for (const model::OwnedFactor& o : d_.owned) {
      // Owned units idle with the rest under a wage floor (docs/model.md §3.7).
      double units = p_.ownq(o.region, o.factor, o.owner) * EmployedShare(o.region, o.factor);
      double income = (1 - p_.tf(o.region, o.factor)) * Get(v_.PF, o.region, o.factor);
      for (auto [r, sign] : {std::pair{o.owner, 1.0}, std::pair{o.region, -1.0}}) {
        Add(Source::kForeignOwnership, r, sign * income, units);
        Add(Source::kForeignFactorPrices, r, sign * W_ * units, income / W_);
      }
    }
  }

  const Model& m_;
  const model::ModelData& d_;
  const model::ModelVars& v_;
  const model::ShockableParameters& p_;
  const std::vector<double>& x_;
  double W_ = 1.0;
  std::vector<double> household_index_, inverse_deflator_;
  std::vector<WelfareTerm> out_;
};

}  // namespace

std::vector<WelfareTerm> WelfareTerms(const Model& model, const model::ShockableParameters& p,
                                      const std::vector<double>& x, int numeraire) {
  return Terms(model, p, x, numeraire).Collect();
}

}  // namespace peninsula::app::analysis
