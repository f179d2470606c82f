// Production: Leontief(value added, intermediates) with a CES value-added nest and a TFP
// shifter; unit-cost "hub" variables PVA and PINT keep each row short (and the Jacobian's
// LU fill-in small).
#pragma once

#include "model/blocks/block_base.hpp"

namespace peninsula::model {

// PX_rj = ava_rj·PVA_rj + aint_rj·PINT_rj
struct ZeroProfit : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], j = t[1];
    typename A::Scalar cost(0.0);
    if (d->ava(r, j) > 0) cost += d->ava(r, j) * x(v->PVA, r, j);
    if (d->aint(r, j) > 0) cost += d->aint(r, j) * x(v->PINT, r, j);
    return x(v->PX, r, j) - cost;
  }
};

// PVA_rj = [Σ_f θ_frj·PF_rfj^(1−σ)]^(1/(1−σ)) / A_rj
struct ValueAddedPrice : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    using T = typename A::Scalar;
    int r = t[0], j = t[1];
    T index = CesIndex<T>(
        d->p.sigma_va(r, j), d->sets.factors.size(), [&](int f) { return d->fcoef(r, f, j); },
        [&](int f) { return FactorPrice(x, r, f, j); });
    return x(v->PVA, r, j) - index / d->p.tfp(r, j);
  }
};

// VA_rj = ava_rj·X_rj
struct ValueAddedDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], j = t[1];
    return x(v->VA, r, j) - d->ava(r, j) * x(v->X, r, j);
  }
};

// aint_rj·PINT_rj = Σ_i io_rij·(1+tc_ri)·PA_ri
struct IntermediatePrice : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], j = t[1];
    typename A::Scalar cost(0.0);
    for (int i = 0; i < d->sets.sectors.size(); ++i) {
      if (d->io(r, i, j) > 0) cost += d->io(r, i, j) * PurchaserPrice(x, r, i);
    }
    return d->aint(r, j) * x(v->PINT, r, j) - cost;
  }
};

// F_rfj = fcoef_rfj·VA_rj·A_rj^(σ−1)·(PVA_rj/PF_rfj)^σ
struct FactorDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], f = t[1], j = t[2];
    double sigma = d->p.sigma_va(r, j);
    double tfp = d->p.tfp(r, j);
    auto demand = d->fcoef(r, f, j) * x(v->VA, r, j) * std::pow(tfp, sigma - 1.0) *
                  pow(x(v->PVA, r, j) / FactorPrice(x, r, f, j), sigma);
    return x(v->F, r, f, j) - demand;
  }
};

}  // namespace peninsula::model
