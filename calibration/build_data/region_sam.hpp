// Step 2 of the build: one region's SAM, estimated by cross-entropy (calibration/
// sam_estimation) from a prior built from the region's sources (value added by sector, factor
// shares, intermediate shares, expenditure proportions, taxes) with the trade cells fixed to
// the trade matrix, subject to the control totals (value added by sector, hence GDP; taxes;
// foreign factor income) and SAM balance. For North Korea the same code runs on donor
// structures (Noland–Robinson–Wang): build.toml says which rows stand in for PRK.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "calibration/build_data/build_config.hpp"
#include "calibration/build_data/inputs.hpp"
#include "calibration/build_data/quanta.hpp"
#include "calibration/build_data/trade_matrix.hpp"
#include "calibration/sam_estimation.hpp"

namespace peninsula::calibration::build_data {

struct AccountSpec {
  std::string name, kind, label, description;
};

// The account list shared by every region (accounts.csv).
std::vector<AccountSpec> Accounts(const BuildConfig& config);

// Flows of a region that are not trade: foreign-owned factor income and its receipt.
struct RegionFlows {
  std::map<std::string, Sourced> paid_abroad;  // factor -> rest_of_world <- factor
  Sourced income_from_abroad;                  // household <- rest_of_world
};

// One control total and the value the printed SAM gives it.
struct ControlTotal {
  std::string name;
  double target = 0.0, reproduced = 0.0;  // US$ million
  std::string ref;
};

struct RegionSam {
  std::string region;
  QuantaMatrix sam;
  std::vector<std::vector<std::string>> derivation;  // [row][column]
  std::vector<ControlTotal> controls;
  SamEstimationReport report;
};

RegionSam BuildRegionSam(const BuildConfig& config, const RegionInputs& in,
                         const TradeMatrix& trade, int region, const RegionFlows& flows);

}  // namespace peninsula::calibration::build_data
