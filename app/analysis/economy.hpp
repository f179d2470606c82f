// One equilibrium of the model as dense arrays (the same layout as the results file), and
// the comparison of a scenario with its reference: welfare, GDP, output, employment, trade,
// factor returns, terms of trade, labour intensity, export similarity, RCA, world shares and
// the home region's complementarity/competition channels with the partner (docs/analysis.md).
#pragma once

#include <string>
#include <vector>

#include "app/analysis/indicators.hpp"
#include "app/analysis/welfare_sources.hpp"
#include "model/model.hpp"

namespace peninsula::app::analysis {

// Which regions the region-specific indicators are about, and which factors are labour.
// Labels that the study does not have are skipped, and the skip is recorded.
struct AnalysisOptions {
  std::string home = "KOR";
  std::string partner = "PRK";
  std::vector<std::string> comparators = {"CHN", "VNM"};
  std::string status_quo = "status_quo";  // second reference when a scenario of this name exists
  std::string labour_prefix = "LAB";      // factors whose label starts with it are labour
  bool decompose = true;                  // welfare decompositions (re-solves)
  SourceOptions sources;                  // the path of the decomposition by economic source
};

// Dense arrays of one state; index order as in docs/hdf5-schema.md.
struct State {
  std::vector<double> X, E, D, VA;   // [region][sector]
  std::vector<double> M;             // [sector][partner][region]
  std::vector<double> F, income;     // [region][factor][sector]: use and PF*F
  std::vector<double> C;             // [region][household][sector]
  std::vector<double> CPI;           // [region]
  std::vector<double> export_price;  // [region] Laspeyres index of the fob price received
  std::vector<double> import_price;  // [region] Laspeyres index of the cif price paid
};

State ReadState(const model::Model& model, const std::vector<double>& x,
                const model::ShockableParameters& p);

// Cobb-Douglas utility index of each (region, household) relative to the benchmark.
std::vector<double> Utilities(const model::Model& model, const State& s);
// Benchmark consumption expenditure of each (region, household), in benchmark prices.
std::vector<double> Budgets(const model::Model& model);
// Equivalent variation of each region (sum over households) between two utility vectors.
std::vector<double> RegionEv(const model::Model& model, const std::vector<double>& u_ref,
                             const std::vector<double>& u);

// The channels of ChannelSplit, in order, as labels.
const std::vector<std::string>& ChannelNames();

struct Comparison {
  std::vector<double> ev, ev_percent;                              // [region]
  std::vector<double> real_gdp, terms_of_trade, exports, imports;  // [region] % change
  std::vector<double> output, sector_exports, sector_labour;       // [region][sector] % change
  std::vector<double> labour_share_ref, labour_share;              // [region][sector] fraction
  std::vector<double> employment, real_return;                     // [region][factor] % change
  std::vector<double> bilateral_ref, bilateral;                    // [partner][region] bvu
  std::vector<double> rca_ref, rca, world_share_ref, world_share;  // [region][sector]
  std::vector<double> similarity_ref, similarity;                  // [region][region]
  std::vector<long long> labour_intensive;                         // [sector] 0/1
  std::vector<long long> labour_factor;                            // [factor] 0/1
  // Home/partner channels, [channel][sector] in bvu; empty when either region is absent.
  std::vector<double> channels;
  std::vector<std::string> notes;  // indicators skipped and why
};

Comparison Compare(const model::Model& model, const State& reference, const State& scenario,
                   const AnalysisOptions& options);

}  // namespace peninsula::app::analysis
