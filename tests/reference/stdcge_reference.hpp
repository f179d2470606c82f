// Independent reference implementation of the Hosoe–Gasawa–Hashimoto standard CGE model
// (GAMS model library "stdcge"; Hosoe, Gasawa & Hashimoto, "Textbook of Computable General
// Equilibrium Modelling", Palgrave Macmillan 2010, chapter 6).
//
// Why this exists: the project's general engine is checked against a model written separately,
// in the original share-parameter form (not the calibrated-share form the engine uses), so that
// a shared mistake in both is unlikely. Nothing here depends on the rest of Peninsula.
//
// Variable, parameter and equation names follow the GAMS file so results can be compared with
// a GAMS listing line by line. Goods are BRD and MLK, factors CAP and LAB; pf(LAB) is the
// numeraire, as in the GAMS file (pf.fx("LAB") = 1).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace peninsula::reference {

inline constexpr std::size_t kStdcgeGoodCount = 2;    // BRD, MLK
inline constexpr std::size_t kStdcgeFactorCount = 2;  // CAP, LAB
inline constexpr std::size_t kStdcgeAccountCount = 10;

inline constexpr std::array<std::string_view, kStdcgeGoodCount> kStdcgeGoods{"BRD", "MLK"};
inline constexpr std::array<std::string_view, kStdcgeFactorCount> kStdcgeFactors{"CAP", "LAB"};
inline constexpr std::array<std::string_view, kStdcgeAccountCount> kStdcgeAccounts{
    "BRD", "MLK", "CAP", "LAB", "IDT", "TRF", "HOH", "GOV", "INV", "EXT"};

// The GAMS system has one redundant equation (Walras' law) once pf(LAB) is fixed. The solver
// drops the labour-market clearing condition, i.e. the market of the numeraire factor, and
// reports its residual at the solution as values["walras_residual"].
inline constexpr std::string_view kStdcgeDroppedEquation = "eqpf(LAB)";

using StdcgeGoodArray = std::array<double, kStdcgeGoodCount>;
using StdcgeFactorArray = std::array<double, kStdcgeFactorCount>;
// Indexed [row][column] exactly as the GAMS parameter: beta[h][j], ax[i][j].
using StdcgeFactorByGood = std::array<StdcgeGoodArray, kStdcgeFactorCount>;
using StdcgeGoodByGood = std::array<StdcgeGoodArray, kStdcgeGoodCount>;
// SAM indexed [row account][column account] in kStdcgeAccounts order (receipts in rows).
using StdcgeSamTable = std::array<std::array<double, kStdcgeAccountCount>, kStdcgeAccountCount>;

struct StdcgeShock {
  double tariff_scale = 1.0;              // multiplies taum
  double world_import_price_scale = 1.0;  // multiplies pWm
  double foreign_savings_scale = 1.0;     // multiplies Sf (foreign currency)
  double labour_endowment_scale = 1.0;    // multiplies FF(LAB)
};

struct StdcgeSolution {
  bool converged = false;
  int iterations = 0;
  double max_residual = 0.0;  // over the solved (non-dropped) equations
  // Variable levels keyed like "Z(BRD)", "F(CAP,MLK)", "X(BRD,MLK)" (GAMS order i,j),
  // "pd(MLK)", "epsilon", "pf(LAB)", "UU", plus "walras_residual".
  std::map<std::string, double> values;
};

// Every calibrated parameter of stdcge.gms, named as there (GAMS "FF" -> ff, "Sf" -> sf,
// "pWe" -> p_we, "pWm" -> p_wm).
struct StdcgeParameters {
  StdcgeGoodArray sigma{};    // Armington elasticity of substitution
  StdcgeGoodArray psi{};      // CET elasticity of transformation
  StdcgeGoodArray eta{};      // (sigma - 1) / sigma
  StdcgeGoodArray phi{};      // (psi + 1) / psi
  StdcgeGoodArray alpha{};    // household budget shares
  StdcgeFactorByGood beta{};  // factor shares in the Cobb-Douglas composite factor
  StdcgeGoodArray b{};        // scale of the composite-factor function
  StdcgeGoodByGood ax{};      // intermediate input coefficients ax(i,j)
  StdcgeGoodArray ay{};       // composite-factor input coefficient
  StdcgeGoodArray mu{};       // government expenditure shares
  StdcgeGoodArray lambda{};   // investment expenditure shares
  StdcgeGoodArray deltam{};   // Armington share of imports
  StdcgeGoodArray deltad{};   // Armington share of domestic goods
  StdcgeGoodArray gamma{};    // Armington scale
  StdcgeGoodArray xie{};      // CET share of exports
  StdcgeGoodArray xid{};      // CET share of domestic supply
  StdcgeGoodArray theta{};    // CET scale
  StdcgeGoodArray tauz{};     // production tax rate
  StdcgeGoodArray taum{};     // import tariff rate
  StdcgeGoodArray p_we{};     // world export price (foreign currency)
  StdcgeGoodArray p_wm{};     // world import price (foreign currency)
  StdcgeFactorArray ff{};     // factor endowments FF(h)
  double ssp = 0.0;           // private saving propensity
  double ssg = 0.0;           // government saving propensity
  double taud = 0.0;          // direct tax rate
  double sf = 0.0;            // foreign saving Sf (foreign currency)
};

// The benchmark SAM (see the .cpp for its source).
const StdcgeSamTable& StdcgeSam();

// Calibration exactly as in stdcge.gms (sigma = psi = 2, pWe = pWm = 1).
StdcgeParameters CalibrateStdcge();

// Calibrated parameters with a shock applied (calibration always uses the unshocked SAM).
StdcgeParameters ApplyStdcgeShock(StdcgeParameters parameters, const StdcgeShock& shock);

// Parameters as a flat map keyed like "alpha(BRD)", "beta(CAP,MLK)", "ssp".
std::map<std::string, double> StdcgeParameterValues(const StdcgeParameters& parameters);

// Benchmark levels read from the SAM (all prices 1, epsilon = 1), keyed as in StdcgeSolution.
std::map<std::string, double> StdcgeBenchmark();

// Residual (lhs - rhs, in the GAMS orientation) of every equation instance, keyed like
// "eqpy(BRD)", "eqF(CAP,MLK)", "eqpf(LAB)", "obj". Includes the dropped equation, so it can
// check a solution found by another engine. `values` must hold every variable key.
std::map<std::string, double> StdcgeEquationResiduals(const StdcgeParameters& parameters,
                                                      const std::map<std::string, double>& values);

// Calibrate from the SAM, apply the shock, solve by damped Newton from the benchmark.
StdcgeSolution SolveStdcge(const StdcgeShock& shock);

}  // namespace peninsula::reference
