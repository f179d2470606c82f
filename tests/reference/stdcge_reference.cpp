// Reference implementation of GAMS "stdcge" (Hosoe, Gasawa & Hashimoto 2010, ch. 6).
// Written independently of Peninsula's engine; see stdcge_reference.hpp and README.md.
#include "stdcge_reference.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peninsula::reference {
namespace {

// Row/column positions in kStdcgeAccounts. Goods come first, then factors, so good i is
// account i and factor h is account kFirstFactorAccount + h.
enum Account : std::size_t { kBrd, kMlk, kCap, kLab, kIdt, kTrf, kHoh, kGov, kInv, kExt };
constexpr std::size_t kFirstFactorAccount = kCap;
constexpr std::size_t kCapital = 0;  // position of CAP in kStdcgeFactors
constexpr std::size_t kLabour = 1;   // position of LAB in kStdcgeFactors (numeraire)
constexpr std::size_t kGoods = kStdcgeGoodCount;
constexpr std::size_t kFactors = kStdcgeFactorCount;

constexpr double kNumerairePrice = 1.0;  // pf.fx("LAB") = 1 in stdcge.gms
constexpr double kElasticity = 2.0;      // sigma(i) = psi(i) = 2 in stdcge.gms
constexpr double kTolerance = 1e-11;     // max |residual| demanded of the Newton solve
constexpr int kMaxIterations = 100;
constexpr int kMaxBacktracks = 60;
constexpr double kArmijo = 1e-4;        // sufficient-decrease constant of the line search
constexpr double kRelativeStep = 1e-6;  // central-difference step, relative to 1 + |x|

// Benchmark SAM of stdcge.gms ("Table SAM(u,v) 'social accounting matrix'"), same numbers in
// three public copies: the GAMS model library page of the sibling model QUOCGE
// (https://www.gams.com/latest/gamslib_ml/quocge.280, which reuses the stdcge SAM verbatim),
// GAMS-dev/gamspy-examples models/stdcge/stdcge.py (loads stdcge.gdx, the same table), and
// equicirco/StandardCGE.jl data/sam_2_2.csv. Units are the textbook's arbitrary money units.
// Rows receive, columns pay; every row sum equals its column sum.
constexpr StdcgeSamTable kSam{{
    // BRD  MLK  CAP  LAB  IDT  TRF  HOH  GOV  INV  EXT
    {{21, 8, 0, 0, 0, 0, 20, 19, 16, 8}},  // BRD
    {{17, 9, 0, 0, 0, 0, 30, 14, 15, 4}},  // MLK
    {{20, 30, 0, 0, 0, 0, 0, 0, 0, 0}},    // CAP
    {{15, 25, 0, 0, 0, 0, 0, 0, 0, 0}},    // LAB
    {{5, 4, 0, 0, 0, 0, 0, 0, 0, 0}},      // IDT
    {{1, 2, 0, 0, 0, 0, 0, 0, 0, 0}},      // TRF
    {{0, 0, 50, 40, 0, 0, 0, 0, 0, 0}},    // HOH
    {{0, 0, 0, 0, 9, 3, 23, 0, 0, 0}},     // GOV
    {{0, 0, 0, 0, 0, 0, 17, 2, 0, 12}},    // INV
    {{13, 11, 0, 0, 0, 0, 0, 0, 0, 0}},    // EXT
}};

double Sam(std::size_t row, std::size_t column) { return kSam[row][column]; }

double Sum(const StdcgeGoodArray& values) { return values[0] + values[1]; }

// Benchmark flows read off the SAM: the GAMS parameters with suffix 0.
struct BenchmarkFlows {
  StdcgeGoodArray y0{}, z0{}, xp0{}, xg0{}, xv0{}, e0{}, m0{}, q0{}, d0{}, tz0{}, tm0{};
  StdcgeGoodArray tauz{}, taum{};
  StdcgeFactorByGood f0{};
  StdcgeGoodByGood x0{};
  StdcgeFactorArray ff{};
  double sp0 = 0.0, sg0 = 0.0, td0 = 0.0, sf = 0.0;
};

void ReadProductionFlows(BenchmarkFlows& flows) {
  for (std::size_t j = 0; j < kGoods; ++j) {
    for (std::size_t h = 0; h < kFactors; ++h) {
      flows.f0[h][j] = Sam(kFirstFactorAccount + h, j);
      flows.y0[j] += flows.f0[h][j];
    }
    flows.z0[j] = flows.y0[j];
    for (std::size_t i = 0; i < kGoods; ++i) {
      flows.x0[i][j] = Sam(i, j);
      flows.z0[j] += flows.x0[i][j];
    }
    flows.tz0[j] = Sam(kIdt, j);
    flows.tm0[j] = Sam(kTrf, j);
    flows.m0[j] = Sam(kExt, j);
    flows.tauz[j] = flows.tz0[j] / flows.z0[j];
    flows.taum[j] = flows.tm0[j] / flows.m0[j];
  }
}

void ReadDemandFlows(BenchmarkFlows& flows) {
  for (std::size_t i = 0; i < kGoods; ++i) {
    flows.xp0[i] = Sam(i, kHoh);
    flows.xg0[i] = Sam(i, kGov);
    flows.xv0[i] = Sam(i, kInv);
    flows.e0[i] = Sam(i, kExt);
    flows.q0[i] = flows.xp0[i] + flows.xg0[i] + flows.xv0[i] + Sum(flows.x0[i]);
    // Domestic sales are valued gross of production tax, as in stdcge.gms.
    flows.d0[i] = (1.0 + flows.tauz[i]) * flows.z0[i] - flows.e0[i];
  }
  for (std::size_t h = 0; h < kFactors; ++h) flows.ff[h] = Sam(kHoh, kFirstFactorAccount + h);
  flows.td0 = Sam(kGov, kHoh);
  flows.sp0 = Sam(kInv, kHoh);
  flows.sg0 = Sam(kInv, kGov);
  flows.sf = Sam(kInv, kExt);
}

BenchmarkFlows ReadBenchmarkFlows() {
  BenchmarkFlows flows;
  ReadProductionFlows(flows);
  ReadDemandFlows(flows);
  return flows;
}

void CalibrateProduction(const BenchmarkFlows& flows, StdcgeParameters& p) {
  for (std::size_t j = 0; j < kGoods; ++j) {
    double factor_index = 1.0;
    for (std::size_t h = 0; h < kFactors; ++h) {
      p.beta[h][j] = flows.f0[h][j] / flows.y0[j];
      factor_index *= std::pow(flows.f0[h][j], p.beta[h][j]);
    }
    p.b[j] = flows.y0[j] / factor_index;
    for (std::size_t i = 0; i < kGoods; ++i) p.ax[i][j] = flows.x0[i][j] / flows.z0[j];
    p.ay[j] = flows.y0[j] / flows.z0[j];
  }
}

void CalibrateFinalDemand(const BenchmarkFlows& flows, StdcgeParameters& p) {
  const double total_saving = flows.sp0 + flows.sg0 + flows.sf;
  for (std::size_t i = 0; i < kGoods; ++i) {
    p.alpha[i] = flows.xp0[i] / Sum(flows.xp0);
    p.mu[i] = flows.xg0[i] / Sum(flows.xg0);
    p.lambda[i] = flows.xv0[i] / total_saving;
  }
  const double factor_income = flows.ff[kCapital] + flows.ff[kLabour];
  const double tax_revenue = flows.td0 + Sum(flows.tz0) + Sum(flows.tm0);
  p.ssp = flows.sp0 / factor_income;
  p.ssg = flows.sg0 / tax_revenue;
  p.taud = flows.td0 / factor_income;
}

// The import share carries (1 + taum): the tariff-inclusive benchmark price of imports is
// 1 + taum while pq = pd = 1, which is how stdcge.gms calibrates deltam.
void CalibrateArmington(const BenchmarkFlows& flows, StdcgeParameters& p) {
  for (std::size_t i = 0; i < kGoods; ++i) {
    const double eta = p.eta[i];
    const double import_weight = (1.0 + p.taum[i]) * std::pow(flows.m0[i], 1.0 - eta);
    const double domestic_weight = std::pow(flows.d0[i], 1.0 - eta);
    p.deltam[i] = import_weight / (import_weight + domestic_weight);
    p.deltad[i] = domestic_weight / (import_weight + domestic_weight);
    const double aggregate =
        p.deltam[i] * std::pow(flows.m0[i], eta) + p.deltad[i] * std::pow(flows.d0[i], eta);
    p.gamma[i] = flows.q0[i] / std::pow(aggregate, 1.0 / eta);
  }
}

void CalibrateTransformation(const BenchmarkFlows& flows, StdcgeParameters& p) {
  for (std::size_t i = 0; i < kGoods; ++i) {
    const double phi = p.phi[i];
    const double export_weight = std::pow(flows.e0[i], 1.0 - phi);
    const double domestic_weight = std::pow(flows.d0[i], 1.0 - phi);
    p.xie[i] = export_weight / (export_weight + domestic_weight);
    p.xid[i] = domestic_weight / (export_weight + domestic_weight);
    const double aggregate =
        p.xie[i] * std::pow(flows.e0[i], phi) + p.xid[i] * std::pow(flows.d0[i], phi);
    p.theta[i] = flows.z0[i] / std::pow(aggregate, 1.0 / phi);
  }
}

// ---------------------------------------------------------------------------------------------
// Model variables (GAMS names in lower case) and their names in result maps.

struct Variables {
  StdcgeGoodArray y{}, z{}, xp{}, xg{}, xv{}, e{}, m{}, q{}, d{};
  StdcgeGoodArray py{}, pz{}, pq{}, pe{}, pm{}, pd{}, tz{}, tm{};
  StdcgeFactorByGood f{};
  StdcgeGoodByGood x{};
  StdcgeFactorArray pf{};
  double epsilon = 0.0, sp = 0.0, sg = 0.0, td = 0.0;
};

std::string Label(std::string_view symbol, std::string_view index) {
  std::string label(symbol);
  if (!index.empty()) label.append("(").append(index).append(")");
  return label;
}

std::string PairIndex(std::string_view row, std::string_view column) {
  return std::string(row).append(",").append(column);
}

using Visitor = std::function<void(const std::string& name, double& value)>;

void VisitGoodArray(std::string_view symbol, StdcgeGoodArray& values, const Visitor& visit) {
  for (std::size_t i = 0; i < kGoods; ++i) visit(Label(symbol, kStdcgeGoods[i]), values[i]);
}

void VisitMatrices(Variables& v, const Visitor& visit) {
  for (std::size_t h = 0; h < kFactors; ++h) {
    for (std::size_t j = 0; j < kGoods; ++j) {
      visit(Label("F", PairIndex(kStdcgeFactors[h], kStdcgeGoods[j])), v.f[h][j]);
    }
  }
  for (std::size_t i = 0; i < kGoods; ++i) {
    for (std::size_t j = 0; j < kGoods; ++j) {
      visit(Label("X", PairIndex(kStdcgeGoods[i], kStdcgeGoods[j])), v.x[i][j]);
    }
  }
}

// One fixed order for every variable; the Newton unknown vector uses this order without
// pf(LAB). UU is not visited: it only enters the fictitious objective, computed afterwards.
void VisitVariables(Variables& v, bool include_numeraire, const Visitor& visit) {
  VisitGoodArray("Y", v.y, visit);
  VisitMatrices(v, visit);
  const std::array<std::pair<std::string_view, StdcgeGoodArray*>, 16> good_arrays{{{"Z", &v.z},
                                                                                   {"Xp", &v.xp},
                                                                                   {"Xg", &v.xg},
                                                                                   {"Xv", &v.xv},
                                                                                   {"E", &v.e},
                                                                                   {"M", &v.m},
                                                                                   {"Q", &v.q},
                                                                                   {"D", &v.d},
                                                                                   {"py", &v.py},
                                                                                   {"pz", &v.pz},
                                                                                   {"pq", &v.pq},
                                                                                   {"pe", &v.pe},
                                                                                   {"pm", &v.pm},
                                                                                   {"pd", &v.pd},
                                                                                   {"Tz", &v.tz},
                                                                                   {"Tm", &v.tm}}};
  for (const auto& [symbol, values] : good_arrays) VisitGoodArray(symbol, *values, visit);
  visit(Label("pf", kStdcgeFactors[kCapital]), v.pf[kCapital]);
  if (include_numeraire) visit(Label("pf", kStdcgeFactors[kLabour]), v.pf[kLabour]);
  visit("epsilon", v.epsilon);
  visit("Sp", v.sp);
  visit("Sg", v.sg);
  visit("Td", v.td);
}

Variables BenchmarkVariables() {
  const BenchmarkFlows flows = ReadBenchmarkFlows();
  Variables v;
  v.y = flows.y0, v.z = flows.z0, v.xp = flows.xp0, v.xg = flows.xg0, v.xv = flows.xv0;
  v.e = flows.e0, v.m = flows.m0, v.q = flows.q0, v.d = flows.d0;
  v.tz = flows.tz0, v.tm = flows.tm0, v.f = flows.f0, v.x = flows.x0;
  v.py = v.pz = v.pq = v.pe = v.pm = v.pd = StdcgeGoodArray{1.0, 1.0};
  v.pf = StdcgeFactorArray{1.0, kNumerairePrice};
  v.epsilon = 1.0;
  v.sp = flows.sp0, v.sg = flows.sg0, v.td = flows.td0;
  return v;
}

// Cobb-Douglas utility: the fictitious objective UU of stdcge.gms.
double Utility(const StdcgeParameters& p, const Variables& v) {
  double utility = 1.0;
  for (std::size_t i = 0; i < kGoods; ++i) utility *= std::pow(v.xp[i], p.alpha[i]);
  return utility;
}

std::map<std::string, double> VariableValues(const StdcgeParameters& p, Variables v) {
  std::map<std::string, double> values;
  VisitVariables(v, true, [&](const std::string& name, double& value) { values[name] = value; });
  values["UU"] = Utility(p, v);
  return values;
}

// ---------------------------------------------------------------------------------------------
// Equations of stdcge.gms, each as residual = lhs - rhs in the GAMS orientation.

using Sink = std::function<void(std::string_view equation, std::string_view index, double)>;

void EvaluateProduction(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  for (std::size_t j = 0; j < kGoods; ++j) {
    const std::string_view good = kStdcgeGoods[j];
    double composite_factor = p.b[j];
    for (std::size_t h = 0; h < kFactors; ++h) {
      composite_factor *= std::pow(v.f[h][j], p.beta[h][j]);
    }
    sink("eqpy", good, v.y[j] - composite_factor);
    for (std::size_t h = 0; h < kFactors; ++h) {
      sink("eqF", PairIndex(kStdcgeFactors[h], good),
           v.f[h][j] - p.beta[h][j] * v.py[j] * v.y[j] / v.pf[h]);
    }
    double unit_cost = p.ay[j] * v.py[j];
    for (std::size_t i = 0; i < kGoods; ++i) {
      sink("eqX", PairIndex(kStdcgeGoods[i], good), v.x[i][j] - p.ax[i][j] * v.z[j]);
      unit_cost += p.ax[i][j] * v.pq[i];
    }
    sink("eqY", good, v.y[j] - p.ay[j] * v.z[j]);
    sink("eqpzs", good, v.pz[j] - unit_cost);
  }
}

double FactorIncome(const StdcgeParameters& p, const Variables& v) {
  return v.pf[kCapital] * p.ff[kCapital] + v.pf[kLabour] * p.ff[kLabour];
}

double TaxRevenue(const Variables& v) { return v.td + Sum(v.tz) + Sum(v.tm); }

void EvaluateGovernment(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  sink("eqTd", "", v.td - p.taud * FactorIncome(p, v));
  for (std::size_t i = 0; i < kGoods; ++i) {
    const std::string_view good = kStdcgeGoods[i];
    sink("eqTz", good, v.tz[i] - p.tauz[i] * v.pz[i] * v.z[i]);
    sink("eqTm", good, v.tm[i] - p.taum[i] * v.pm[i] * v.m[i]);
    sink("eqXg", good, v.xg[i] - p.mu[i] * (TaxRevenue(v) - v.sg) / v.pq[i]);
  }
  sink("eqSg", "", v.sg - p.ssg * TaxRevenue(v));
}

// Investment spends all saving; foreign saving Sf is fixed in foreign currency, so it is worth
// epsilon * Sf at home.
void EvaluatePrivateDemand(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  const double disposable_income = FactorIncome(p, v) - v.sp - v.td;
  const double total_saving = v.sp + v.sg + v.epsilon * p.sf;
  for (std::size_t i = 0; i < kGoods; ++i) {
    const std::string_view good = kStdcgeGoods[i];
    sink("eqXv", good, v.xv[i] - p.lambda[i] * total_saving / v.pq[i]);
    sink("eqXp", good, v.xp[i] - p.alpha[i] * disposable_income / v.pq[i]);
  }
  sink("eqSp", "", v.sp - p.ssp * FactorIncome(p, v));
}

void EvaluateExternal(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  double balance = p.sf;
  for (std::size_t i = 0; i < kGoods; ++i) {
    sink("eqpe", kStdcgeGoods[i], v.pe[i] - v.epsilon * p.p_we[i]);
    sink("eqpm", kStdcgeGoods[i], v.pm[i] - v.epsilon * p.p_wm[i]);
    balance += p.p_we[i] * v.e[i] - p.p_wm[i] * v.m[i];
  }
  sink("eqepsilon", "", balance);
}

void EvaluateArmington(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  for (std::size_t i = 0; i < kGoods; ++i) {
    const std::string_view good = kStdcgeGoods[i];
    const double eta = p.eta[i];
    const double exponent = 1.0 / (1.0 - eta);
    const double scale = std::pow(p.gamma[i], eta);
    const double aggregate =
        p.deltam[i] * std::pow(v.m[i], eta) + p.deltad[i] * std::pow(v.d[i], eta);
    sink("eqpqs", good, v.q[i] - p.gamma[i] * std::pow(aggregate, 1.0 / eta));
    const double import_price = (1.0 + p.taum[i]) * v.pm[i];
    sink("eqM", good,
         v.m[i] - std::pow(scale * p.deltam[i] * v.pq[i] / import_price, exponent) * v.q[i]);
    sink("eqD", good,
         v.d[i] - std::pow(scale * p.deltad[i] * v.pq[i] / v.pd[i], exponent) * v.q[i]);
  }
}

void EvaluateTransformation(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  for (std::size_t i = 0; i < kGoods; ++i) {
    const std::string_view good = kStdcgeGoods[i];
    const double phi = p.phi[i];
    const double exponent = 1.0 / (1.0 - phi);
    const double scale = std::pow(p.theta[i], phi);
    const double gross_price = (1.0 + p.tauz[i]) * v.pz[i];
    const double aggregate = p.xie[i] * std::pow(v.e[i], phi) + p.xid[i] * std::pow(v.d[i], phi);
    sink("eqpzd", good, v.z[i] - p.theta[i] * std::pow(aggregate, 1.0 / phi));
    sink("eqE", good,
         v.e[i] - std::pow(scale * p.xie[i] * gross_price / v.pe[i], exponent) * v.z[i]);
    sink("eqDs", good,
         v.d[i] - std::pow(scale * p.xid[i] * gross_price / v.pd[i], exponent) * v.z[i]);
  }
}

void EvaluateMarkets(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  for (std::size_t i = 0; i < kGoods; ++i) {
    const double demand = v.xp[i] + v.xg[i] + v.xv[i] + Sum(v.x[i]);
    sink("eqpqd", kStdcgeGoods[i], v.q[i] - demand);
  }
  for (std::size_t h = 0; h < kFactors; ++h) {
    sink("eqpf", kStdcgeFactors[h], Sum(v.f[h]) - p.ff[h]);
  }
}

void EvaluateEquations(const StdcgeParameters& p, const Variables& v, const Sink& sink) {
  EvaluateProduction(p, v, sink);
  EvaluateGovernment(p, v, sink);
  EvaluatePrivateDemand(p, v, sink);
  EvaluateExternal(p, v, sink);
  EvaluateArmington(p, v, sink);
  EvaluateTransformation(p, v, sink);
  EvaluateMarkets(p, v, sink);
}

bool IsDroppedEquation(std::string_view equation, std::string_view index) {
  return equation == "eqpf" && index == kStdcgeFactors[kLabour];
}

// ---------------------------------------------------------------------------------------------
// Damped Newton on the square system (47 unknowns, 47 equations after dropping eqpf(LAB)).

Eigen::VectorXd PackUnknowns(Variables v) {
  std::vector<double> unknowns;
  VisitVariables(v, false, [&](const std::string&, double& value) { unknowns.push_back(value); });
  return Eigen::Map<Eigen::VectorXd>(unknowns.data(), static_cast<Eigen::Index>(unknowns.size()));
}

Variables UnpackUnknowns(const Eigen::VectorXd& unknowns) {
  Variables v;
  Eigen::Index next = 0;
  VisitVariables(v, false, [&](const std::string&, double& value) { value = unknowns(next++); });
  v.pf[kLabour] = kNumerairePrice;
  return v;
}

struct SystemResidual {
  Eigen::VectorXd solved;  // residuals of the equations the solver uses
  double walras = 0.0;     // residual of the dropped equation
};

SystemResidual EvaluateSystem(const StdcgeParameters& p, const Variables& v) {
  std::vector<double> solved;
  double walras = 0.0;
  EvaluateEquations(p, v, [&](std::string_view equation, std::string_view index, double r) {
    if (IsDroppedEquation(equation, index)) {
      walras = r;
    } else {
      solved.push_back(r);
    }
  });
  Eigen::VectorXd vector =
      Eigen::Map<Eigen::VectorXd>(solved.data(), static_cast<Eigen::Index>(solved.size()));
  return {vector, walras};
}

Eigen::VectorXd Residual(const StdcgeParameters& p, const Eigen::VectorXd& unknowns) {
  return EvaluateSystem(p, UnpackUnknowns(unknowns)).solved;
}

template <std::size_t N>
bool AllPositive(const std::array<double, N>& values) {
  for (double value : values) {
    if (!(value > 0.0)) return false;
  }
  return true;
}

// Quantities and prices enter fractional powers and divisions, so a trial point must keep them
// strictly positive. Tax revenues and savings are exempt: they may legitimately be zero
// (Tm when taum = 0) and never enter a power.
bool IsInDomain(const Eigen::VectorXd& unknowns) {
  const Variables v = UnpackUnknowns(unknowns);
  const std::array<const StdcgeGoodArray*, 15> positive_arrays{&v.y,  &v.z,  &v.xp, &v.xg, &v.xv,
                                                               &v.e,  &v.m,  &v.q,  &v.d,  &v.py,
                                                               &v.pz, &v.pq, &v.pe, &v.pm, &v.pd};
  for (const StdcgeGoodArray* values : positive_arrays) {
    if (!AllPositive(*values)) return false;
  }
  for (const auto& row : v.f) {
    if (!AllPositive(row)) return false;
  }
  for (const auto& row : v.x) {
    if (!AllPositive(row)) return false;
  }
  return AllPositive(v.pf) && v.epsilon > 0.0 && unknowns.allFinite();
}

// Central differences: accurate to ~1e-10 relative, ample for Newton to reach 1e-11 residuals.
Eigen::MatrixXd FiniteDifferenceJacobian(const StdcgeParameters& p, const Eigen::VectorXd& x,
                                         Eigen::Index equation_count) {
  Eigen::MatrixXd jacobian(equation_count, x.size());
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    const double step = kRelativeStep * (1.0 + std::abs(x(k)));
    Eigen::VectorXd forward = x;
    Eigen::VectorXd backward = x;
    forward(k) += step;
    backward(k) -= step;
    jacobian.col(k) = (Residual(p, forward) - Residual(p, backward)) / (2.0 * step);
  }
  return jacobian;
}

struct NewtonPoint {
  Eigen::VectorXd x;
  Eigen::VectorXd residual;
};

// Halve the Newton step until the point is in the domain and the residual norm falls enough.
std::optional<NewtonPoint> Backtrack(const StdcgeParameters& p, const NewtonPoint& current,
                                     const Eigen::VectorXd& direction) {
  const double current_norm = current.residual.norm();
  double length = 1.0;
  for (int attempt = 0; attempt < kMaxBacktracks; ++attempt, length *= 0.5) {
    const Eigen::VectorXd trial = current.x + length * direction;
    if (!IsInDomain(trial)) continue;
    Eigen::VectorXd trial_residual = Residual(p, trial);
    if (trial_residual.allFinite() &&
        trial_residual.norm() <= (1.0 - kArmijo * length) * current_norm) {
      return NewtonPoint{trial, trial_residual};
    }
  }
  return std::nullopt;
}

struct NewtonOutcome {
  Variables variables;
  int iterations = 0;
  double max_residual = 0.0;
  bool converged = false;
};

NewtonOutcome SolveByNewton(const StdcgeParameters& p, const Variables& start) {
  NewtonPoint point{PackUnknowns(start), {}};
  point.residual = Residual(p, point.x);
  int iterations = 0;
  while (point.residual.lpNorm<Eigen::Infinity>() > kTolerance && iterations < kMaxIterations) {
    const Eigen::MatrixXd jacobian = FiniteDifferenceJacobian(p, point.x, point.residual.size());
    const Eigen::VectorXd direction = jacobian.fullPivLu().solve(-point.residual);
    if (!direction.allFinite()) break;
    std::optional<NewtonPoint> next = Backtrack(p, point, direction);
    if (!next) break;
    point = *next;
    ++iterations;
  }
  const double max_residual = point.residual.lpNorm<Eigen::Infinity>();
  return {UnpackUnknowns(point.x), iterations, max_residual, max_residual <= kTolerance};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API.

const StdcgeSamTable& StdcgeSam() { return kSam; }

StdcgeParameters CalibrateStdcge() {
  const BenchmarkFlows flows = ReadBenchmarkFlows();
  StdcgeParameters p;
  for (std::size_t i = 0; i < kGoods; ++i) {
    p.sigma[i] = kElasticity;
    p.psi[i] = kElasticity;
    p.eta[i] = (p.sigma[i] - 1.0) / p.sigma[i];
    p.phi[i] = (p.psi[i] + 1.0) / p.psi[i];
    p.p_we[i] = 1.0;
    p.p_wm[i] = 1.0;
  }
  p.tauz = flows.tauz;
  p.taum = flows.taum;
  p.ff = flows.ff;
  p.sf = flows.sf;
  CalibrateProduction(flows, p);
  CalibrateFinalDemand(flows, p);
  CalibrateArmington(flows, p);
  CalibrateTransformation(flows, p);
  return p;
}

StdcgeParameters ApplyStdcgeShock(StdcgeParameters parameters, const StdcgeShock& shock) {
  for (std::size_t i = 0; i < kGoods; ++i) {
    parameters.taum[i] *= shock.tariff_scale;
    parameters.p_wm[i] *= shock.world_import_price_scale;
  }
  parameters.sf *= shock.foreign_savings_scale;
  parameters.ff[kLabour] *= shock.labour_endowment_scale;
  return parameters;
}

std::map<std::string, double> StdcgeParameterValues(const StdcgeParameters& p) {
  std::map<std::string, double> values;
  const std::array<std::pair<std::string_view, const StdcgeGoodArray*>, 19> by_good{
      {{"sigma", &p.sigma},
       {"psi", &p.psi},
       {"eta", &p.eta},
       {"phi", &p.phi},
       {"alpha", &p.alpha},
       {"b", &p.b},
       {"ay", &p.ay},
       {"mu", &p.mu},
       {"lambda", &p.lambda},
       {"deltam", &p.deltam},
       {"deltad", &p.deltad},
       {"gamma", &p.gamma},
       {"xie", &p.xie},
       {"xid", &p.xid},
       {"theta", &p.theta},
       {"tauz", &p.tauz},
       {"taum", &p.taum},
       {"pWe", &p.p_we},
       {"pWm", &p.p_wm}}};
  for (const auto& [symbol, array] : by_good) {
    for (std::size_t i = 0; i < kGoods; ++i) values[Label(symbol, kStdcgeGoods[i])] = (*array)[i];
  }
  for (std::size_t j = 0; j < kGoods; ++j) {
    for (std::size_t h = 0; h < kFactors; ++h) {
      values[Label("beta", PairIndex(kStdcgeFactors[h], kStdcgeGoods[j]))] = p.beta[h][j];
    }
    for (std::size_t i = 0; i < kGoods; ++i) {
      values[Label("ax", PairIndex(kStdcgeGoods[i], kStdcgeGoods[j]))] = p.ax[i][j];
    }
  }
  for (std::size_t h = 0; h < kFactors; ++h) values[Label("FF", kStdcgeFactors[h])] = p.ff[h];
  values["ssp"] = p.ssp;
  values["ssg"] = p.ssg;
  values["taud"] = p.taud;
  values["Sf"] = p.sf;
  return values;
}

std::map<std::string, double> StdcgeBenchmark() {
  return VariableValues(CalibrateStdcge(), BenchmarkVariables());
}

std::map<std::string, double> StdcgeEquationResiduals(const StdcgeParameters& parameters,
                                                      const std::map<std::string, double>& values) {
  Variables v;
  VisitVariables(v, true, [&](const std::string& name, double& value) { value = values.at(name); });
  std::map<std::string, double> residuals;
  EvaluateEquations(parameters, v,
                    [&](std::string_view equation, std::string_view index, double r) {
                      residuals[Label(equation, index)] = r;
                    });
  residuals["obj"] = values.at("UU") - Utility(parameters, v);
  return residuals;
}

StdcgeSolution SolveStdcge(const StdcgeShock& shock) {
  const StdcgeParameters parameters = ApplyStdcgeShock(CalibrateStdcge(), shock);
  const NewtonOutcome outcome = SolveByNewton(parameters, BenchmarkVariables());
  StdcgeSolution solution;
  solution.converged = outcome.converged;
  solution.iterations = outcome.iterations;
  solution.max_residual = outcome.max_residual;
  solution.values = VariableValues(parameters, outcome.variables);
  solution.values["walras_residual"] = EvaluateSystem(parameters, outcome.variables).walras;
  return solution;
}

}  // namespace peninsula::reference
