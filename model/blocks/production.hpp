// Production: Leontief(value added, intermediates) with a CES value-added nest and a TFP
// shifter; unit-cost "hub" variables PVA and PINT keep each row short (and the Jacobian's
// LU fill-in small).
#pragma once

#include "model/blocks/block_base.hpp"

namespace peninsula::model {

// ava_rj·PVA_rj + aint_rj·PINT_rj: the incumbent's unit cost.
template <class A>
typename A::Scalar IncumbentUnitCost(const BlockBase& b, const A& x, int r, int j) {
  typename A::Scalar cost(0.0);
  if (b.d->ava(r, j) > 0) cost += b.d->ava(r, j) * x(b.v->PVA, r, j);
  if (b.d->aint(r, j) > 0) cost += b.d->aint(r, j) * x(b.v->PINT, r, j);
  return cost;
}

// PX_rj = ava_rj·PVA_rj + aint_rj·PINT_rj
struct ZeroProfit : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    return x(v->PX, t[0], t[1]) - IncumbentUnitCost(*this, x, t[0], t[1]);
  }
};

// [Σ_f θ_f·PF_rfj^(1−σ)]^(1/(1−σ)) / A_rj: the price of value added with shares θ (the
// incumbent's or an entering technology's) at the sector's σ and TFP.
template <class A, class Shares>
typename A::Scalar ValueAddedIndex(const BlockBase& b, const A& x, int r, int j, Shares theta) {
  using T = typename A::Scalar;
  const ModelData& d = *b.d;
  T index = CesIndex<T>(d.p.sigma_va(r, j), d.sets.factors.size(), theta,
                        [&](int f) { return b.FactorPrice(x, r, f, j); });
  return index / d.p.tfp(r, j);
}

// Factor f per unit of value added at value-added price `pva`: θ_f·A^(σ−1)·(pva/PF_rfj)^σ.
template <class A, class P>
auto FactorPerValueAdded(const BlockBase& b, const A& x, int r, int f, int j, double theta,
                         const P& pva) {
  double sigma = b.d->p.sigma_va(r, j);
  return theta * std::pow(b.d->p.tfp(r, j), sigma - 1.0) *
         pow(pva / b.FactorPrice(x, r, f, j), sigma);
}

// PVA_rj = [Σ_f θ_frj·PF_rfj^(1−σ)]^(1/(1−σ)) / A_rj
struct ValueAddedPrice : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], j = t[1];
    return x(v->PVA, r, j) -
           ValueAddedIndex(*this, x, r, j, [&](int f) { return d->fcoef(r, f, j); });
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
    return x(v->F, r, f, j) - x(v->VA, r, j) * FactorPerValueAdded(*this, x, r, f, j,
                                                                   d->fcoef(r, f, j),
                                                                   x(v->PVA, r, j));
  }
};

}  // namespace peninsula::model
