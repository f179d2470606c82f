// Output transformation (CET or perfect) between domestic sales and exports, the two-level
// Armington nest (domestic vs composite import, then import sources), and export markets.
#pragma once

#include "model/blocks/block_base.hpp"

namespace peninsula::model {

inline bool HasCet(const ModelData& d, int r, int i) { return std::isfinite(d.p.omega(r, i)); }

// Producer revenue per unit of output relative to benchmark: (1+tp)/(1+tp0)·PX.
template <class A>
typename A::Scalar OutputPrice(const BlockBase& b, const A& x, int r, int i) {
  return (1.0 + b.d->p.tp(r, i)) / (1.0 + b.d->p0.tp(r, i)) * x(b.v->PX, r, i);
}

// With CET:     (1+tp)/(1+tp0)·PX_ri = [γ_ri·PD_ri^(1+Ω) + (1−γ_ri)·PE_ri^(1+Ω)]^(1/(1+Ω))
// Without CET:  (1+tp0)·S_ri = D_ri + E_ri,   S_ri = X_ri + entry_ri·YN_ri (§3.13)
struct OutputTransformation : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    using T = typename A::Scalar;
    int r = t[0], i = t[1];
    if (!HasCet(*d, r, i)) {
      T sales(0.0);
      if (d->dcoef(r, i) > 0) sales += x(v->D, r, i);
      if (CanExport(*d, r, i)) sales += x(v->E, r, i);
      return (1.0 + d->p0.tp(r, i)) * Supply(x, r, i) - sales;
    }
    double share_d = d->dshare(r, i);
    T revenue = CesIndex<T>(
        -d->p.omega(r, i), 2, [&](int k) { return k == 0 ? share_d : 1.0 - share_d; },
        [&](int k) { return k == 0 ? x(v->PD, r, i) : x(v->PE, r, i); });
    return OutputPrice(*this, x, r, i) - revenue;
  }
};

// With CET:     D_ri = dcoef_ri·S_ri·(PD_ri / ((1+tp)/(1+tp0)·PX_ri))^Ω
// Without CET:  PD_ri = (1+tp)/(1+tp0)·PX_ri
struct DomesticSupply : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    if (!HasCet(*d, r, i)) return x(v->PD, r, i) - OutputPrice(*this, x, r, i);
    return x(v->D, r, i) - d->dcoef(r, i) * Supply(x, r, i) *
                               pow(x(v->PD, r, i) / OutputPrice(*this, x, r, i), d->p.omega(r, i));
  }
};

// With CET:     E_ri = ecoef_ri·S_ri·(PE_ri / ((1+tp)/(1+tp0)·PX_ri))^Ω
// Without CET:  PE_ri = (1+tp)/(1+tp0)·PX_ri
struct ExportSupply : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    if (!HasCet(*d, r, i)) return x(v->PE, r, i) - OutputPrice(*this, x, r, i);
    return x(v->E, r, i) - d->ecoef(r, i) * Supply(x, r, i) *
                               pow(x(v->PE, r, i) / OutputPrice(*this, x, r, i), d->p.omega(r, i));
  }
};

// Multi-region:  E_si = Σ_d M_isd            Small open economy:  PE_i·(1+te_i) = EXR·pwe_i
struct ExportMarket : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int s = t[0], i = t[1];
    if (d->small_open) return x(v->PE, s, i) * (1.0 + d->p.te(i, s, 0)) - x(v->EXR) * d->p.pwe(i);
    typename A::Scalar shipped(0.0);
    for (int r = 0; r < d->sets.regions.size(); ++r) {
      if (HasFlow(*d, i, s, r)) shipped += x(v->M, i, s, r);
    }
    return x(v->E, s, i) - shipped;
  }
};

// PA_ri = [δ_ri·PD_ri^(1−σ) + (1−δ_ri)·PMC_ri^(1−σ)]^(1/(1−σ))
struct ArmingtonPrice : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    using T = typename A::Scalar;
    int r = t[0], i = t[1];
    double share_d = d->dval(r, i);
    T index = CesIndex<T>(
        d->p.sigma_d(r, i), 2, [&](int k) { return k == 0 ? share_d : 1.0 - share_d; },
        [&](int k) { return k == 0 ? x(v->PD, r, i) : x(v->PMC, r, i); });
    return x(v->PA, r, i) - index;
  }
};

// D_ri = dq_ri·Q_ri·(PA_ri/PD_ri)^σ        (clears the domestic-goods market)
struct DomesticDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    return x(v->D, r, i) -
           d->dq(r, i) * x(v->Q, r, i) * pow(x(v->PA, r, i) / x(v->PD, r, i), d->p.sigma_d(r, i));
  }
};

// MC_ri = mq_ri·Q_ri·(PA_ri/PMC_ri)^σ
struct CompositeImportDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    return x(v->MC, r, i) -
           d->mq(r, i) * x(v->Q, r, i) * pow(x(v->PA, r, i) / x(v->PMC, r, i), d->p.sigma_d(r, i));
  }
};

// PMC_ri = [Σ_s κ_isr·θ_isr·(PM_isr/PM0_isr)^(1−σm)]^(1/(1−σm))
// κ (access) is 1 for benchmark flows; a latent flow's term is always evaluated, even at
// κ = 0, so the Jacobian's structure holds when a scenario opens it.
struct CompositeImportPrice : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    using T = typename A::Scalar;
    int r = t[0], i = t[1];
    double sigma = d->p.sigma_m(r, i);
    bool any_latent = false;
    for (int s = 0; s < d->sets.partners.size() && !any_latent; ++s) {
      any_latent = d->latent(i, s, r) != 0;
    }
    if (!any_latent) {
      T index = CesIndex<T>(
          sigma, d->sets.partners.size(), [&](int s) { return d->mshare(i, s, r); },
          [&](int s) { return ImportPrice(x, i, s, r) / d->pms0(i, s, r); });
      return x(v->PMC, r, i) - index;
    }
    T sum(0.0);  // σm > 1 is checked at calibration for importers with latent sources
    for (int s = 0; s < d->sets.partners.size(); ++s) {
      if (!HasFlow(*d, i, s, r)) continue;
      double weight = Access(i, s, r) * d->mshare(i, s, r);
      sum += weight * pow(ImportPrice(x, i, s, r) / d->pms0(i, s, r), 1.0 - sigma);
    }
    return x(v->PMC, r, i) - pow(sum, 1.0 / (1.0 - sigma));
  }
  double Access(int i, int s, int r) const {
    return d->latent(i, s, r) != 0 ? d->p.access(i, s, r) : 1.0;
  }
};

// M_isr = κ_isr·mcoef_isr·MC_ri·(PMC_ri·PM0_isr/PM_isr)^σm
struct SourceDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int i = t[0], s = t[1], r = t[2];
    double access = d->latent(i, s, r) != 0 ? d->p.access(i, s, r) : 1.0;
    auto relative = x(v->PMC, r, i) * d->pms0(i, s, r) / ImportPrice(x, i, s, r);
    return x(v->M, i, s, r) -
           access * d->mcoef(i, s, r) * x(v->MC, r, i) * pow(relative, d->p.sigma_m(r, i));
  }
};

}  // namespace peninsula::model
