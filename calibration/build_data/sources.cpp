// Reading and selecting source rows (see sources.hpp).
#include "calibration/build_data/sources.hpp"

#include <algorithm>

#include "calibration/csv.hpp"

namespace peninsula::calibration::build_data {
namespace {

const std::vector<std::string> kColumns = {"indicator", "region", "partner", "sector",
                                           "factor",    "value",  "unit",    "year",
                                           "source",    "status", "note"};

bool Matches(const Selector& s, const SourceRow& r) {
  if (!s.file.empty() && s.file != r.file) return false;
  if (!s.year.empty() && s.year != r.year) return false;
  if (!s.note.empty() && r.note.rfind(s.note, 0) != 0) return false;
  return s.indicator == r.indicator && s.region == r.region && s.partner == r.partner &&
         s.sector == r.sector && s.factor == r.factor;
}

}  // namespace

std::string Selector::Describe() const {
  std::string d = "indicator=" + indicator;
  for (auto [key, v] : {std::pair{"file", &file},
                        {"region", &region},
                        {"partner", &partner},
                        {"sector", &sector},
                        {"factor", &factor},
                        {"year", &year},
                        {"note", &note}}) {
    if (!v->empty()) d += std::string(" ") + key + "=" + *v;
  }
  return d;
}

Sources Sources::Read(const std::filesystem::path& directory) {
  Sources sources;
  sources.directory_ = directory;
  if (!std::filesystem::is_directory(directory))
    Fail(directory.string(), 0, "sources directory does not exist");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    CsvTable t = ReadCsv(path, kColumns);
    std::vector<int> col;
    for (const auto& name : kColumns) col.push_back(t.Column(name));
    for (int k = 0; k < static_cast<int>(t.rows.size()); ++k) {
      SourceRow r;
      r.file = path.filename().string();
      r.line = t.lines[k];
      r.indicator = t.Cell(k, col[0]);
      r.region = t.Cell(k, col[1]);
      r.partner = t.Cell(k, col[2]);
      r.sector = t.Cell(k, col[3]);
      r.factor = t.Cell(k, col[4]);
      r.value = ParseNumber(t, k, col[5]);
      r.unit = t.Cell(k, col[6]);
      r.year = t.Cell(k, col[7]);
      r.source = t.Cell(k, col[8]);
      r.status = t.Cell(k, col[9]);
      r.note = t.Cell(k, col[10]);
      r.placeholder = r.note.rfind("PLACEHOLDER", 0) == 0;
      sources.rows_.push_back(std::move(r));
    }
  }
  return sources;
}

const SourceRow& Sources::One(const Selector& s) const {
  std::vector<const SourceRow*> data, gaps;
  for (const auto& r : rows_) {
    if (Matches(s, r)) (r.placeholder ? gaps : data).push_back(&r);
  }
  std::string where = s.origin.empty() ? "" : s.origin + ": ";
  if (data.size() == 1) return *data[0];
  if (data.empty() && !gaps.empty()) {
    throw DataError(where + "source row (" + s.Describe() + ") is a gap: " + gaps[0]->Ref() +
                    " is marked PLACEHOLDER 0 = NOT FOUND and is not data");
  }
  if (data.empty()) {
    throw DataError(where + "no source row matches (" + s.Describe() + ") in " +
                    directory_.string());
  }
  std::string list;
  for (const auto* r : data) list += (list.empty() ? "" : ", ") + r->Ref();
  throw DataError(where + "source selector (" + s.Describe() + ") matches " +
                  std::to_string(data.size()) + " rows (" + list +
                  "); add year, file or note to pick one");
}

}  // namespace peninsula::calibration::build_data
