// SAM estimation by minimum cross-entropy (Robinson, Cattaneo & El-Said 2001): the social
// accounting matrix closest to a prior SAM, in the Kullback–Leibler sense, that meets control
// totals and balances. Used to build the North Korean SAM, for which no national accounts
// exist, from a donor economy's structure and the few published aggregates
// (docs/sam-estimation.md). Matrices follow the database convention: entry (i, j) is a
// payment from column account j to row account i.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "solver/cross_entropy.hpp"

namespace peninsula::calibration {

// A cell held at a given value (data that is known, e.g. a published export figure).
struct SamFixedCell {
  int row = 0;
  int column = 0;
  double value = 0.0;
};

// Σ over `cells` of the SAM = value. `name` appears in error messages, e.g.
// "exports of coal = 1.05".
struct SamGroupTarget {
  std::string name;
  std::vector<std::pair<int, int>> cells;  // (row, column)
  double value = 0.0;
};

struct SamTargets {
  std::vector<SamFixedCell> fixed_cells;
  // Empty, or one entry per account; std::nullopt leaves that account's total free.
  std::vector<std::optional<double>> row_totals;
  std::vector<std::optional<double>> column_totals;
  std::vector<SamGroupTarget> groups;
  bool balance = true;  // row total = column total for every account
};

struct SamEstimationReport {
  solver::CrossEntropyResult solve;  // x, status, objective, worst constraint by name
  int unknowns = 0;                  // cells estimated (non-zero prior, not fixed)
  int fixed = 0;                     // cells held at a target value
  int zeros = 0;                     // zero-prior cells, kept at zero
  int negative = 0;                  // unknowns whose prior is negative (sign kept)
  double max_imbalance = 0.0;        // max |row − column| / max(1, |row|, |column|) of the result
  std::string worst_account;         // account attaining max_imbalance
};

// Returns the estimated SAM. Cells with a zero prior stay zero; cells with a negative prior
// (subsidies, dissaving) keep their sign and their magnitude is estimated. Throws DataError
// naming the account, cell or target when the input is malformed, when the targets are
// inconsistent (a target on a zero-prior cell, an account whose fixed cells cannot balance,
// infeasible totals) or when the estimation does not converge.
Eigen::MatrixXd EstimateSam(const Eigen::MatrixXd& prior, const SamTargets& targets,
                            const std::vector<std::string>& account_names,
                            SamEstimationReport* report = nullptr,
                            const solver::CrossEntropyOptions& options = {});

}  // namespace peninsula::calibration
