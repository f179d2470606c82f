// Resolving a North Korean data variant (docs/data.md, "Variants") to its database
// directory, for the uncertainty analysis: DatabaseVariant("data/korea2015", "un") is
// data/korea2015/variants/un.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace peninsula::calibration {

// The directory of variant `name` under `dir`/variants/. Throws DataError naming the variant
// and listing the variants that exist when there is no such complete database.
std::filesystem::path DatabaseVariant(const std::filesystem::path& dir, const std::string& name);

// The names of the variants under `dir`/variants/, sorted.
std::vector<std::string> DatabaseVariants(const std::filesystem::path& dir);

}  // namespace peninsula::calibration
