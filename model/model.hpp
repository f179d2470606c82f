// The default multi-region CGE model: variables over sparse benchmark domains and the
// equation blocks of docs/model.md, built from calibrated ModelData. Building is separate
// from solving: a closure (fixed variables, numeraire, dropped equation) is applied on top.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/equation_block.hpp"
#include "model/model_data.hpp"
#include "model/variables.hpp"

namespace peninsula::model {

struct ModelVars {
  VarId X, PX, VA, PVA, PINT, F, PF, PFS, QF, QFS;
  VarId D, PD, E, PE, Q, PA, MC, PMC, M;
  VarId C, YH, YF, G, TREV, TM, TX, XV, SAV, CPI, EXR;
  VarId RENT, UNEMP;   // complementarity instruments: quota rents, unemployment at a wage floor
  VarId YN, PVAN, FN;  // entering technologies: level (input bundles), value-added price, factors
};

// The variable whose level gives "world currency" values (foreign savings, transfers) in
// domestic terms: the exchange rate in a small open economy, the numeraire otherwise.
struct WorldUnit {
  VarId var;
  Tuple tuple{0, 0, 0};
};

class Model {
 public:
  explicit Model(ModelData data);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  ModelData& data() { return data_; }
  const ModelData& data() const { return data_; }
  const ModelSets& sets() const { return data_.sets; }
  const VariableRegistry& registry() const { return reg_; }
  const ModelVars& vars() const { return vars_; }
  const std::vector<double>& benchmark() const { return benchmark_; }
  // Variables fixed by the default closure (endowments); the numeraire comes on top.
  const std::vector<bool>& exogenous() const { return exogenous_; }
  const std::vector<std::unique_ptr<EquationBlock>>& blocks() const { return blocks_; }

  // (Re)creates the equation blocks with `numeraire` (a global variable position) as the
  // world unit in multi-region mode.
  void BuildEquations(int numeraire);
  // The numeraire the equation blocks were last built with.
  int numeraire() const { return numeraire_; }
  int FindBlock(const std::string& name) const;  // -1 if absent
  // Default numeraire: the consumer price index of the first region.
  int DefaultNumeraire() const;
  // Default equation dropped by Walras' law: the last goods market.
  std::pair<int, int> DefaultWalrasRow() const;

 private:
  void ApplyInstruments();
  void AddOwnership(OwnedFactor o);
  void CreateVariables();
  void SetBenchmarkValues();

  ModelData data_;
  VariableRegistry reg_;
  ModelVars vars_;
  std::vector<double> benchmark_;
  std::vector<bool> exogenous_;
  std::vector<std::unique_ptr<EquationBlock>> blocks_;
  int numeraire_ = -1;
};

}  // namespace peninsula::model
