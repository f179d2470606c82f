// BuildReport and the results-file access shared by the report's sections.
#include "app/analysis/report_build.hpp"

#include "app/analysis/report_source.hpp"

namespace peninsula::app::analysis {

ResultsSource::ResultsSource(const std::filesystem::path& path) : reader_(path) {
  for (const char* g : {"/sets", "/scenarios"}) RequireGroup(g);
  regions_ = NeedStrings("/sets/region");
  sectors_ = NeedStrings("/sets/sector");
  factors_ = NeedStrings("/sets/factor");
  partners_ = NeedStrings("/sets/partner");
  for (const auto& name : reader_.ListChildren("/scenarios")) {
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
  for (const auto& s : src.scenarios()) {
    if (!s.converged) continue;
    const std::string g = "/scenarios/" + s.name + "/analysis";
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
  doc.sections.push_back(SummarySection(src));
  for (const auto& s : src.scenarios()) doc.sections.push_back(ScenarioSection(src, s, o));
  doc.sections.push_back(CompetitionSection(src, o));
  return doc;
}

}  // namespace peninsula::app::analysis
