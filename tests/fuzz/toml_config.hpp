// Force-included into the fuzz build of io/scenario_file.cpp (tests/fuzz/CMakeLists.txt):
// toml++ compiled in, header-only, so the fuzzer sees inside the TOML parser; and toml++'s
// internal assertions off, as in the shared library the program links.
#pragma once

#define TOML_HEADER_ONLY 1
#define TOML_ASSERT(expr) static_assert(true)
