// Market clearing: Armington composite goods, factor markets, and (small open economy) the
// balance of payments.
#pragma once

#include "model/blocks/block_base.hpp"

namespace peninsula::model {

// Q_ri = Σ_j io_rij·X_rj + Σ_j ioⁿ_rij·YN_rj + Σ_h C_rhi + G_ri + XV_ri
struct GoodsMarket : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    typename A::Scalar demand(0.0);
    for (int j = 0; j < d->sets.sectors.size(); ++j) {
      if (d->io(r, i, j) > 0) demand += d->io(r, i, j) * x(v->X, r, j);
      if (HasEntrant(*d, r, j) && d->entry_io(r, i, j) > 0)
        demand += d->entry_io(r, i, j) * x(v->YN, r, j);
    }
    for (int h = 0; h < d->sets.households.size(); ++h) {
      if (d->c0(r, h, i) > 0) demand += x(v->C, r, h, i);
    }
    if (d->g0(r, i) > 0) demand += x(v->G, r, i);
    if (d->xv0(r, i) != 0) demand += x(v->XV, r, i);
    return x(v->Q, r, i) - demand;
  }
};

// Σ_j F_rfj + Σ_j FN_rfj = QF_rf − UNEMP_rf   (mobile factors; UNEMP only under a wage floor)
struct FactorMarket : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], f = t[1];
    typename A::Scalar used(0.0);
    for (int j = 0; j < d->sets.sectors.size(); ++j) {
      if (d->f0(r, f, j) > 0) used += x(v->F, r, f, j);
      if (UsesEntrantFactor(*d, r, f, j)) used += x(v->FN, r, f, j);
    }
    if (d->floor_on(r, f) != 0) used += x(v->UNEMP, r, f);
    return used - x(v->QF, r, f);
  }
};

// F_rfj + FN_rfj = QFS_rfj       (sector-specific factors, shared with an entrant)
struct SpecificFactorMarket : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], f = t[1], j = t[2];
    typename A::Scalar used = x(v->F, r, f, j);
    if (UsesEntrantFactor(*d, r, f, j)) used += x(v->FN, r, f, j);
    return used - x(v->QFS, r, f, j);
  }
};

// Σ_i pwe_i·E_i + fsav + Σ_h hhin_h + govin = Σ_i pwm_i·M_i + Σ_f fabr_f + Σ_h hhout_h + govout
// (foreign currency; small open economy only)
struct BalanceOfPayments : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0];
    typename A::Scalar balance(d->p.fsav(r) + d->govin(r) - d->govout(r));
    for (int i = 0; i < d->sets.sectors.size(); ++i) {
      if (d->e0(r, i) > 0) balance += d->p.pwe(i) * x(v->E, r, i);
      if (d->m0(i, 0, r) > 0) balance -= d->p.pwm(i) * x(v->M, i, 0, r);
    }
    for (int h = 0; h < d->sets.households.size(); ++h) balance += d->hhin(r, h) - d->hhout(r, h);
    for (int f = 0; f < d->sets.factors.size(); ++f) balance -= d->fabr(r, f);
    return balance;
  }
};

}  // namespace peninsula::model
