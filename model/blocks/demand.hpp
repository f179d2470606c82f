// Incomes and final demand: factor income, households (Cobb–Douglas with direct tax and
// savings), government (every tax in the SAM, budget shares), savings-driven investment,
// and the consumer price index.
#pragma once

#include "model/blocks/block_base.hpp"
#include "model/blocks/trade.hpp"

namespace peninsula::model {

// YF_rf = Σ_j PF_rfj·(F_rfj + FN_rfj)
struct FactorIncome : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], f = t[1];
    typename A::Scalar income(0.0);
    for (int j = 0; j < d->sets.sectors.size(); ++j) {
      if (d->f0(r, f, j) > 0) income += FactorPrice(x, r, f, j) * x(v->F, r, f, j);
      if (UsesEntrantFactor(*d, r, f, j)) income += FactorPrice(x, r, f, j) * x(v->FN, r, f, j);
    }
    return x(v->YF, r, f) - income;
  }
};

// YH_rh = Σ_f shf_rfh·((1−tf_rf)·YF_rf − fabr_rf·W − Σ_o OWN_rfo) + trs_rh·TREV_r + hhin_rh·W
//         + Σ_{(r',f') owned by h} OWN_r'f'r,        OWN_rfo = ownq_rfo·(1−tf_rf)·PF_rf·ε_rf,
// where W is the world-currency unit (EXR, or the numeraire) and ε_rf = 1 − UNEMP_rf/QF_rf the
// employed share under a wage floor (1 without one): owned units idle in the same proportion.
struct HouseholdIncome : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    using T = typename A::Scalar;
    int r = t[0], h = t[1];
    auto w = WorldValue(x);
    T income = d->hhin(r, h) * w;
    for (int f = 0; f < d->sets.factors.size(); ++f) {
      if (d->shf(r, f, h) == 0.0) continue;
      T domestic = (1.0 - d->p.tf(r, f)) * x(v->YF, r, f) - d->fabr(r, f) * w;
      for (const OwnedFactor& o : d->owned) {
        if (o.region == r && o.factor == f) domestic -= Owned(x, o);
      }
      income += d->shf(r, f, h) * domestic;
    }
    for (const OwnedFactor& o : d->owned) {
      if (o.owner == r && o.household == h) income += Owned(x, o);
    }
    if (d->trs(r, h) != 0.0) income += d->trs(r, h) * x(v->TREV, r);
    return x(v->YH, r, h) - income;
  }

  template <class A>
  typename A::Scalar Owned(const A& x, const OwnedFactor& o) const {
    auto paid = d->p.ownq(o.region, o.factor, o.owner) * (1.0 - d->p.tf(o.region, o.factor)) *
                x(v->PF, o.region, o.factor);
    if (d->floor_on(o.region, o.factor) == 0) return paid;
    return paid * (1.0 - x(v->UNEMP, o.region, o.factor) / x(v->QF, o.region, o.factor));
  }
};

// (1+tc_ri)·PA_ri·C_rhi = β_rhi·((1 − td_rh − mps_rh)·YH_rh − hhout_rh·W)
struct HouseholdDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], h = t[1], i = t[2];
    auto budget =
        (1.0 - d->p.tdir(r, h) - d->mps(r, h)) * x(v->YH, r, h) - d->hhout(r, h) * WorldValue(x);
    return PurchaserPrice(x, r, i) * x(v->C, r, h, i) - d->beta(r, h, i) * budget;
  }
};

// TREV_r = Σ_j tp·PX·S + Σ_i tc·PA·Q + Σ_i TM_ri + Σ_i TX_ri + Σ_h td·YH + Σ_f tf·YF
// (tariff and export-tax revenue come through the hubs TM and TX, so this row stays short)
struct TaxRevenue : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    using T = typename A::Scalar;
    int r = t[0];
    const auto& p = d->p;
    T revenue(0.0);
    for (int i = 0; i < d->sets.sectors.size(); ++i) {
      if (d->x0(r, i) > 0) revenue += p.tp(r, i) * x(v->PX, r, i) * Supply(x, r, i);
      if (d->q0(r, i) > 0) revenue += p.tc(r, i) * x(v->PA, r, i) * x(v->Q, r, i);
      if (d->mc0(r, i) > 0) revenue += x(v->TM, r, i);
      if (CanExport(*d, r, i)) revenue += x(v->TX, r, i);
    }
    for (int h = 0; h < d->sets.households.size(); ++h) {
      if (d->yh0(r, h) > 0) revenue += p.tdir(r, h) * x(v->YH, r, h);
    }
    for (int f = 0; f < d->sets.factors.size(); ++f) {
      if (d->yf0(r, f) > 0) revenue += p.tf(r, f) * x(v->YF, r, f);
    }
    return x(v->TREV, r) - revenue;
  }
};

// TM_ri = Σ_s (tm_isr + RENT_isr)·PWM_isr·M_isr   (tariffs, and quota rents kept by the importer)
struct TariffRevenue : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    typename A::Scalar sum(0.0);
    for (int s = 0; s < d->sets.partners.size(); ++s) {
      if (HasFlow(*d, i, s, r))
        sum += (ImportWedge(x, i, s, r) - 1.0) * WorldImportPrice(x, i, s, r) * x(v->M, i, s, r);
    }
    return x(v->TM, r, i) - sum;
  }
};

// TX_ri = Σ_d (te_ird + RENT_ird)·PE_ri·M_ird   (export taxes, and rents kept by the exporter;
// small open economy: TX_i = te_i·PE_i·E_i)
struct ExportTaxRevenue : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    if (d->small_open) return x(v->TX, r, i) - d->p.te(i, r, 0) * x(v->PE, r, i) * x(v->E, r, i);
    typename A::Scalar sum(0.0);
    for (int dst = 0; dst < d->sets.regions.size(); ++dst) {
      if (HasFlow(*d, i, r, dst))
        sum += (ExportWedge(x, i, r, dst) - 1.0) * x(v->PE, r, i) * x(v->M, i, r, dst);
    }
    return x(v->TX, r, i) - sum;
  }
};

// (1+tc_ri)·PA_ri·G_ri = μ_ri·((1 − ssg_r − Σ_h trs_rh)·TREV_r + (govin_r − govout_r)·W)
struct GovernmentDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    double transfers = 0.0;
    for (int h = 0; h < d->sets.households.size(); ++h) transfers += d->trs(r, h);
    auto budget = (1.0 - d->ssg(r) - transfers) * x(v->TREV, r) +
                  (d->govin(r) - d->govout(r)) * WorldValue(x);
    return PurchaserPrice(x, r, i) * x(v->G, r, i) - d->mu(r, i) * budget;
  }
};

// SAV_r = Σ_h mps_rh·YH_rh + ssg_r·TREV_r + fsav_r·W
struct Savings : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0];
    typename A::Scalar total = d->p.fsav(r) * WorldValue(x);
    for (int h = 0; h < d->sets.households.size(); ++h) {
      if (d->yh0(r, h) > 0 && d->mps(r, h) != 0.0) total += d->mps(r, h) * x(v->YH, r, h);
    }
    if (d->trev0(r) != 0.0 && d->ssg(r) != 0.0) total += d->ssg(r) * x(v->TREV, r);
    return x(v->SAV, r) - total;
  }
};

// (1+tc_ri)·PA_ri·XV_ri = λ_ri·SAV_r
struct InvestmentDemand : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0], i = t[1];
    return PurchaserPrice(x, r, i) * x(v->XV, r, i) - d->lambda(r, i) * x(v->SAV, r);
  }
};

// CPI_r = Σ_i w_ri·(1+tc_ri)·PA_ri / Σ_i w_ri·(1+tc0_ri)
struct ConsumerPrices : BlockBase {
  template <class A>
  typename A::Scalar Eval(const Tuple& t, const A& x) const {
    int r = t[0];
    typename A::Scalar basket(0.0);
    double base = 0.0;
    for (int i = 0; i < d->sets.sectors.size(); ++i) {
      double w = d->cpiw(r, i);
      if (w == 0.0) continue;
      basket += w * PurchaserPrice(x, r, i);
      base += w * (1.0 + d->p0.tc(r, i));
    }
    return x(v->CPI, r) - basket / base;
  }
};

}  // namespace peninsula::model
