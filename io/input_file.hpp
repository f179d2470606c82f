// Input files are read whole or line by line from a path a user typed; only regular files
// (or links to them) are inputs. A device, FIFO or directory named by mistake would hang the
// reader (/dev/zero, a FIFO with no writer) or read as nothing.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace peninsula::io {

// Why an existing `path` cannot be an input file, or "" if it can be or does not exist (each
// reader reports a missing file in its own words, with what it expected there).
inline std::string NotAnInputFile(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status) || std::filesystem::is_regular_file(status)) {
    return "";
  }
  return std::filesystem::is_directory(status) ? "is a directory, not a file"
                                               : "is not a regular file (a device or FIFO?)";
}

// The whole text of the input file `path`, or Error naming it: "PATH: cannot open WHAT", or
// why it is not an input file ("... (expected ARTICLE WHAT)"). `what` says what the reader
// expected there ("scenario file"), `article` how to name one ("a"; "" when `what` has one).
template <typename Error>
std::string ReadInputText(const std::filesystem::path& path, const std::string& what,
                          const std::string& article = "a") {
  if (auto why = NotAnInputFile(path); !why.empty()) {
    const std::string expected = article.empty() ? what : article + " " + what;
    throw Error(path.string() + ": " + why + " (expected " + expected + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot open " + what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace peninsula::io
