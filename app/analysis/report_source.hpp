// Reading the results file for the report: labelled arrays of the analysis groups, with
// errors that name the file and the missing group or dataset. Internal to report_*.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/analysis/report_build.hpp"
#include "io/hdf5_store.hpp"

namespace peninsula::app::analysis {

struct ScenarioInfo {
  std::string name, description, status;
  bool converged = false;
  std::vector<std::string> references;  // analysis references, benchmark first
  std::vector<std::string> notes;       // indicators skipped, decompositions absent
};

// A recursive-dynamic path of the file (/paths/<name>).
struct PathInfo {
  std::string name, description, status, baseline, message;
  bool converged = false, analysed = false;  // analysed: it has /paths/<name>/analysis
  int opening_year = 0;
  std::vector<long long> years;
  std::vector<std::string> events, notes;
};

class ResultsSource {
 public:
  explicit ResultsSource(const std::filesystem::path& path);

  // Dataset `path`; throws io::StoreError naming the file and the missing object.
  std::vector<double> Need(const std::string& path) const;
  std::vector<long long> NeedInts(const std::string& path) const;
  std::vector<std::string> NeedStrings(const std::string& path) const;
  bool Has(const std::string& path) const { return reader_.Exists(path); }
  std::string Attribute(const std::string& object, const std::string& key) const;

  const std::vector<std::string>& regions() const { return regions_; }
  const std::vector<std::string>& sectors() const { return sectors_; }
  const std::vector<std::string>& factors() const { return factors_; }
  const std::vector<std::string>& partners() const { return partners_; }
  const std::vector<ScenarioInfo>& scenarios() const { return scenarios_; }
  const std::vector<PathInfo>& paths() const { return paths_; }
  const io::Hdf5Reader& reader() const { return reader_; }
  std::optional<int> Region(const std::string& label) const;

 private:
  void RequireGroup(const std::string& path) const;
  void ReadPaths();
  io::Hdf5Reader reader_;
  std::vector<std::string> regions_, sectors_, factors_, partners_;
  std::vector<ScenarioInfo> scenarios_;
  std::vector<PathInfo> paths_;
};

// "/scenarios/<s>/analysis/<ref>/<rest>"
std::string AnalysisPath(const std::string& scenario, const std::string& reference,
                         const std::string& rest);

// The sections of the report.
Section SummarySection(const ResultsSource& src);
Section ScenarioSection(const ResultsSource& src, const ScenarioInfo& s, const ReportOptions& o);
Section CompetitionSection(const ResultsSource& src, const ReportOptions& o);
// report_paths.cpp: time paths against the baseline, and the turning points.
Section PathsSection(const ResultsSource& src, const ReportOptions& o);
Section TurningPointSection(const ResultsSource& src, const ReportOptions& o);

}  // namespace peninsula::app::analysis
