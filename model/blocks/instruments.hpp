// Complementarity instruments (docs/model.md §7): bilateral quotas with rents and wage
// floors with unemployment. Each row is F(x) ≥ 0 paired with a non-negative variable; the
// solver enforces F ≥ 0, v ≥ 0, F·v = 0 and reports the complementarity residual.
#pragma once

#include "model/blocks/block_base.hpp"

namespace peninsula::model {

// A quota this large (in benchmark flows) cannot bind; standing in for "no quota" keeps the
// row finite, so the same structure serves scenarios with and without the cap.
inline constexpr double kInactiveQuota = 1e6;

// quota_isr·m0_isr − M_isr ≥ 0  ⊥  RENT_isr ≥ 0
struct QuotaLimit : BlockBase {
  VarId complement;
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int i = t[0], s = t[1], r = t[2];
    double quota = d->p.quota(i, s, r);
    if (!(quota < kInactiveQuota)) quota = kInactiveQuota;
    return quota * d->m0(i, s, r) - x(v->M, i, s, r);
  }
};

// PF_rf − wfloor_rf·CPI_r ≥ 0  ⊥  UNEMP_rf ≥ 0      (a floor on the real wage)
struct WageFloor : BlockBase {
  VarId complement;
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], f = t[1];
    return x(v->PF, r, f) - d->p.wfloor(r, f) * x(v->CPI, r);
  }
};

}  // namespace peninsula::model
