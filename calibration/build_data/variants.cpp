// Variant lookup (see variants.hpp). A variant directory counts only if it holds a SAM, so a
// half-copied directory is not taken for a database.
#include "calibration/build_data/variants.hpp"

#include <algorithm>

#include "calibration/csv.hpp"

namespace peninsula::calibration {

std::vector<std::string> DatabaseVariants(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir / "variants", ec)) {
    if (e.is_directory() && std::filesystem::exists(e.path() / "sam.csv"))
      names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::filesystem::path DatabaseVariant(const std::filesystem::path& dir, const std::string& name) {
  const auto names = DatabaseVariants(dir);
  if (std::find(names.begin(), names.end(), name) != names.end()) return dir / "variants" / name;
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw DataError((dir / "variants").string() + ": no data variant '" + name + "' (" +
                  (names.empty() ? std::string("no variants found") : "variants: " + list) + ")");
}

}  // namespace peninsula::calibration
