// The numbers each region's SAM is built from, read from the sources through the selectors of
// build.toml, in US$ million and fractions, each with the source rows it came from (for the
// `derivation` column of the generated files).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "calibration/build_data/build_config.hpp"
#include "calibration/build_data/sources.hpp"

namespace peninsula::calibration::build_data {

// A number and where it came from ("macro.csv:5" or a short formula over row references).
struct Sourced {
  double value = 0.0;
  std::string ref;
};

// Evaluates build.toml quantities against the sources.
class Evaluator {
 public:
  Evaluator(const Sources& sources, std::map<std::string, double> gdp_million)
      : sources_(sources), gdp_(std::move(gdp_million)) {}

  // A US$ amount in US$ million ("USD bn" rows are multiplied by 1000).
  Sourced Million(const Selector& s) const;
  Sourced Million(const Quantity& q) const;
  // A plain number (a share or a rate), as printed in the row.
  Sourced Raw(const Selector& s) const;
  const Sources& sources() const { return sources_; }

 private:
  const Sources& sources_;
  std::map<std::string, double> gdp_;  // region -> GDP, US$ million
};

struct RegionInputs {
  std::string name;
  Sourced gdp;                                     // US$ million
  std::vector<Sourced> va_share;                   // per sector, fraction of value added
  std::vector<std::vector<Sourced>> factor_share;  // [sector][factor], fraction of sector VA
  std::vector<Sourced> intermediate_share;         // per sector, of gross output
  Sourced consumption, government, investment;     // fractions of C + G + I
  Sourced tax_share;                               // fraction of GDP
  double direct_tax_share = 0.5;
  std::vector<Sourced> tariff_rate;  // per sector, fraction on imports; 0 for services or none
};

// GDP of every region of the variant (US$ million), for percent-of-GDP terms.
std::map<std::string, double> ReadGdp(const Sources& sources, const Variant& variant);

RegionInputs ReadRegionInputs(const BuildConfig& config, const RegionSpec& spec,
                              const Evaluator& eval);

// Prior gross output by sector: VA_j / (1 − intermediate share_j), VA from GDP and VA shares.
std::vector<double> GrossOutputPrior(const RegionInputs& in);

}  // namespace peninsula::calibration::build_data
