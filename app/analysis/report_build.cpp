// BuildReport and the results-file access shared by the report's sections.
#include "app/analysis/report_build.hpp"

#include <algorithm>

#include "app/analysis/report_source.hpp"

namespace peninsula::app::analysis {

ResultsSource::ResultsSource(const std::filesystem::path& path) : reader_(path) {
  RequireGroup("/sets");
  if (!reader_.Exists("/scenarios") && !reader_.Exists("/paths")) RequireGroup("/scenarios");
  regions_ = NeedStrings("/sets/region");
  sectors_ = NeedStrings("/sets/sector");
  factors_ = NeedStrings("/sets/factor");
  partners_ = NeedStrings("/sets/partner");
  const auto names = reader_.Exists("/scenarios") ? reader_.ListChildren("/scenarios")
                                                  : std::vector<std::string>{};
  for (const auto& name : names) {
    const std::string g = "/scenarios/" + name;
    ScenarioInfo s;
    s.name = name;
    s.description = Attribute(g, "description");
    s.status = Attribute(g, "status");
    s.converged = reader_.ReadIntAttribute(g, "converged") == 1;
    if (s.converged) {
      RequireGroup(g + "/analysis");
      s.references = reader_.ReadStringsAttribute(g + "/analysis", "references");
      s.notes = reader_.ReadStringsAttribute(g + "/analysis", "notes");
      for (const auto& ref : s.references) {
        RequireGroup(g + "/analysis/" + ref);
        auto more = reader_.ReadStringsAttribute(g + "/analysis/" + ref, "notes");
        for (auto& n : more) s.notes.push_back(ref + ": " + n);
        std::string d = g + "/analysis/" + ref + "/welfare/by_group";
        if (Has(d) && !Attribute(d, "note").empty()) {
          s.notes.push_back(ref + ": welfare decomposition: " + Attribute(d, "note"));
        }
      }
    }
    scenarios_.push_back(std::move(s));
  }
  if (reader_.Exists("/paths")) ReadPaths();
}

void ResultsSource::ReadPaths() {
  for (const auto& name : reader_.ListChildren("/paths")) {
    const std::string g = "/paths/" + name;
    PathInfo p;
    p.name = name;
    p.description = Attribute(g, "description");
    p.status = Attribute(g, "status");
    p.baseline = Attribute(g, "baseline");
    p.message = Attribute(g, "message");
    p.converged = reader_.ReadIntAttribute(g, "converged") == 1;
    p.opening_year = static_cast<int>(reader_.ReadIntAttribute(g, "opening_year"));
    p.years = NeedInts(g + "/years");
    p.events = reader_.ReadStringsAttribute(g, "events");
    p.notes = reader_.ReadStringsAttribute(g, "notes");
    p.analysed = reader_.Exists(g + "/analysis");
    paths_.push_back(std::move(p));
  }
  // Baselines first, so the report reads in the order the paths were built.
  std::stable_partition(paths_.begin(), paths_.end(),
                        [](const PathInfo& p) { return p.baseline.empty(); });
}

void ResultsSource::RequireGroup(const std::string& path) const {
  if (!reader_.Exists(path)) {
    throw io::StoreError(reader_.Path(), path,
                         "missing group (is this a results file of peninsula run/solve with the "
                         "analysis, docs/hdf5-schema.md?)");
  }
}

std::vector<double> ResultsSource::Need(const std::string& path) const {
  if (!reader_.Exists(path)) throw io::StoreError(reader_.Path(), path, "missing dataset");
  return reader_.ReadArray(path).data;
}

std::vector<long long> ResultsSource::NeedInts(const std::string& path) const {
  if (!reader_.Exists(path)) throw io::StoreError(reader_.Path(), path, "missing dataset");
  return reader_.ReadIntArray(path);
}

std::vector<std::string> ResultsSource::NeedStrings(const std::string& path) const {
  if (!reader_.Exists(path)) throw io::StoreError(reader_.Path(), path, "missing dataset");
  return reader_.ReadStrings(path);
}

std::string ResultsSource::Attribute(const std::string& object, const std::string& key) const {
  return reader_.HasAttribute(object, key) ? reader_.ReadStringAttribute(object, key) : "";
}

std::optional<int> ResultsSource::Region(const std::string& label) const {
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    if (regions_[r] == label) return static_cast<int>(r);
  }
  return std::nullopt;
}

std::string AnalysisPath(const std::string& scenario, const std::string& reference,
                         const std::string& rest) {
  return "/scenarios/" + scenario + "/analysis/" + reference + "/" + rest;
}

namespace {

// Regions the file's analysis was written for, unless the command line names others.
ReportOptions Resolve(const ResultsSource& src, ReportOptions o) {
  std::vector<std::string> groups;
  for (const auto& s : src.scenarios())
    if (s.converged) groups.push_back("/scenarios/" + s.name + "/analysis");
  for (const auto& p : src.paths())
    if (p.analysed) groups.push_back("/paths/" + p.name + "/analysis");
  for (const auto& g : groups) {
    if (o.home.empty()) o.home = src.Attribute(g, "home");
    if (o.partner.empty()) o.partner = src.Attribute(g, "partner");
    if (!o.comparators_given) o.comparators = src.reader().ReadStringsAttribute(g, "comparators");
    break;
  }
  return o;
}

}  // namespace

Document BuildReport(const std::filesystem::path& results, const ReportOptions& options) {
  ResultsSource src(results);
  ReportOptions o = Resolve(src, options);
  Document doc;
  doc.title = "Peninsula report: " + results.filename().string();
  const auto& r = src.reader();
  for (const char* key : {"peninsula_version", "git_commit", "created_utc", "command_line",
                          "data_directory", "mode"}) {
    if (r.HasAttribute("/", key))
      doc.facts.push_back(std::string(key) + ": " + src.Attribute("/", key));
  }
  doc.facts.push_back("home region: " + o.home + "; partner: " + o.partner);
  if (!src.scenarios().empty() || src.paths().empty()) doc.sections.push_back(SummarySection(src));
  for (const auto& s : src.scenarios()) doc.sections.push_back(ScenarioSection(src, s, o));
  if (!src.scenarios().empty()) doc.sections.push_back(CompetitionSection(src, o));
  if (!src.paths().empty()) {
    doc.sections.push_back(PathsSection(src, o));
    doc.sections.push_back(TurningPointSection(src, o));
  }
  return doc;
}

}  // namespace peninsula::app::analysis
