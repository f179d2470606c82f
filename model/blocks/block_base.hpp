// Shared plumbing for the equation functors: the row domain, row labels, access to the
// model's data and variables, and the CES helpers every nest uses.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "model/autodiff.hpp"
#include "model/model.hpp"

namespace peninsula::model {

struct BlockBase {
  std::string name;
  std::vector<Tuple> domain;
  std::vector<const Set*> dims;
  const ModelData* d = nullptr;
  const ModelVars* v = nullptr;
  WorldUnit world;

  std::string RowLabel(const Tuple& t) const {
    std::string s = name + "(";
    for (std::size_t k = 0; k < dims.size(); ++k) s += (k ? "," : "") + dims[k]->label(t[k]);
    return s + ")";
  }

  template <class A>
  typename A::Scalar WorldValue(const A& x) const {
    return x(world.var, world.tuple[0], world.tuple[1], world.tuple[2]);
  }

  // Price of factor f to activity j of region r: one price per mobile factor, one per
  // activity for a sector-specific factor.
  template <class A>
  typename A::Scalar FactorPrice(const A& x, int r, int f, int j) const {
    if (d->mobility[f] == Mobility::kMobile) return x(v->PF, r, f);
    return x(v->PFS, r, f, j);
  }

  // Tax-inclusive price of imports of i from partner s into r.
  template <class A>
  typename A::Scalar ImportPrice(const A& x, int i, int s, int r) const {
    return WorldImportPrice(x, i, s, r) * ImportWedge(x, i, s, r);
  }

  // cif price of imports of i from s into r (no transport margins: cif = fob).
  template <class A>
  typename A::Scalar WorldImportPrice(const A& x, int i, int s, int r) const {
    if (d->small_open) return x(v->EXR) * d->p.pwm(i);
    return x(v->PE, s, i) * ExportWedge(x, i, s, r);
  }

  // 1 + te, plus a quota rent that goes to the exporter (an export-tax equivalent).
  template <class A>
  typename A::Scalar ExportWedge(const A& x, int i, int s, int r) const {
    typename A::Scalar wedge(1.0 + d->p.te(i, s, r));
    if (RentTo(i, s, r, RentRecipient::kExporter)) wedge += x(v->RENT, i, s, r);
    return wedge;
  }

  // 1 + tm, plus a quota rent that goes to the importer (a tariff equivalent).
  template <class A>
  typename A::Scalar ImportWedge(const A& x, int i, int s, int r) const {
    typename A::Scalar wedge(1.0 + d->p.tm(i, s, r));
    if (RentTo(i, s, r, RentRecipient::kImporter)) wedge += x(v->RENT, i, s, r);
    return wedge;
  }

  bool RentTo(int i, int s, int r, RentRecipient who) const {
    return !d->small_open && d->rent_to(i, s, r) == static_cast<double>(who);
  }

  // Output of good i in r in benchmark cost units: the incumbent's, plus an entering
  // technology's (entry units per input bundle).
  template <class A>
  typename A::Scalar Supply(const A& x, int r, int i) const {
    typename A::Scalar supply = x(v->X, r, i);
    if (HasEntrant(*d, r, i)) supply += d->p.entry(r, i) * x(v->YN, r, i);
    return supply;
  }

  // Purchaser price of the Armington composite.
  template <class A>
  typename A::Scalar PurchaserPrice(const A& x, int r, int i) const {
    return (1.0 + d->p.tc(r, i)) * x(v->PA, r, i);
  }
};

// Price index of a CES aggregate in calibrated share form,
//   P = [Σ_k θ_k p_k^(1−σ)]^(1/(1−σ)),
// Cobb–Douglas at σ = 1 and Leontief at σ = 0; with σ = −Ω it is a CET revenue index.
// Terms with a zero share are skipped without touching their price.
template <class T, class ShareFn, class PriceFn>
T CesIndex(double sigma, int n, ShareFn share, PriceFn price) {
  T acc(0.0);
  if (sigma == 1.0) {
    for (int k = 0; k < n; ++k) {
      double s = share(k);
      if (s != 0.0) acc += s * log(price(k));
    }
    return exp(acc);
  }
  for (int k = 0; k < n; ++k) {
    double s = share(k);
    if (s == 0.0) continue;
    acc += sigma == 0.0 ? s * price(k) : s * pow(price(k), 1.0 - sigma);
  }
  return sigma == 0.0 ? acc : pow(acc, 1.0 / (1.0 - sigma));
}

}  // namespace peninsula::model
