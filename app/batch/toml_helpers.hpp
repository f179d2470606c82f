// The batch file's TOML reader: the shared strict reader (io/toml_context.hpp) throwing
// BatchError. Private to app/batch.
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "app/batch/batch_file.hpp"
#include "io/toml_context.hpp"

namespace peninsula::app::batch::detail {

using TomlContext = io::TomlContext<BatchError>;

}  // namespace peninsula::app::batch::detail

namespace peninsula::app::batch {
// One [[parameter]] table (batch_parameters_file.cpp).
ParameterSpec ReadParameterTable(const toml::table& t, const detail::TomlContext& ctx);
}  // namespace peninsula::app::batch
