// Entering technologies (docs/model.md §3.13): a donor's technology that a region may adopt
// for a good it already produces. Its level is a complementarity variable, so the technology
// is idle while it loses money and enters when it breaks even; its output is the same good as
// the incumbent's, sold in the same markets.
#pragma once

#include "model/blocks/block_base.hpp"
#include "model/blocks/production.hpp"

namespace peninsula::model {

// Cost of one input bundle of the entrant at current prices (1 at benchmark prices):
// avaⁿ_rj·PVAN_rj + Σ_i ioⁿ_rij·(1+tc_ri)·PA_ri.
template <class A>
typename A::Scalar EntrantBundleCost(const BlockBase& b, const A& x, int r, int j) {
  const ModelData& d = *b.d;
  typename A::Scalar cost = d.entry_ava(r, j) * x(b.v->PVAN, r, j);
  for (int i = 0; i < d.sets.sectors.size(); ++i) {
    if (d.entry_io(r, i, j) > 0) cost += d.entry_io(r, i, j) * b.PurchaserPrice(x, r, i);
  }
  return cost;
}

// bundle cost − entry_rj·PX_rj ≥ 0  ⊥  YN_rj ≥ 0
// A bundle yields `entry` units of output worth PX before production tax, which the entrant
// pays at the incumbent's rate; entry = 0 (the benchmark) makes the technology unavailable.
struct EntrantProfit : BlockBase {
  VarId complement;
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], j = t[1];
    return EntrantBundleCost(*this, x, r, j) - d->p.entry(r, j) * x(v->PX, r, j);
  }
};

// Where an entrant exists the incumbent may be driven out, so its zero profit becomes
//   ava·PVA + aint·PINT − PX ≥ 0  ⊥  X ≥ 0.
struct IncumbentProfit : BlockBase {
  VarId complement;
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    return IncumbentUnitCost(*this, x, t[0], t[1]) - x(v->PX, t[0], t[1]);
  }
};

// PVAN_rj = [Σ_f θⁿ_frj·PF_rfj^(1−σ)]^(1/(1−σ)) / A_rj     (the host's σ and TFP; a
// sector-specific factor is the sector's, shared with the incumbent at one price)
struct EntrantValueAddedPrice : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], j = t[1];
    return x(v->PVAN, r, j) -
           ValueAddedIndex(*this, x, r, j, [&](int f) { return d->entry_fcoef(r, f, j); });
  }
};

// FN_rfj = θⁿ_frj·avaⁿ_rj·YN_rj·A_rj^(σ−1)·(PVAN_rj/PF_rfj)^σ
struct EntrantFactorDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], f = t[1], j = t[2];
    auto value_added = d->entry_ava(r, j) * x(v->YN, r, j);
    return x(v->FN, r, f, j) - value_added * FactorPerValueAdded(*this, x, r, f, j,
                                                                 d->entry_fcoef(r, f, j),
                                                                 x(v->PVAN, r, j));
  }
};

}  // namespace peninsula::model
