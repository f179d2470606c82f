// Only regular files are inputs (io/input_file.hpp).
#include "io/input_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

namespace peninsula::io {
namespace {

class InputFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("peninsula_input_file_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(InputFile, RegularFilesLinksToThemAndMissingPathsAreLeftToTheReader) {
  std::ofstream(dir_ / "a.toml") << "name = \"a\"\n";
  std::filesystem::create_symlink(dir_ / "a.toml", dir_ / "link.toml");
  EXPECT_EQ(NotAnInputFile(dir_ / "a.toml"), "");
  EXPECT_EQ(NotAnInputFile(dir_ / "link.toml"), "");
  EXPECT_EQ(NotAnInputFile(dir_ / "missing.toml"), "");
}

TEST_F(InputFile, DirectoriesDevicesAndFifosAreRefused) {
  EXPECT_EQ(NotAnInputFile(dir_), "is a directory, not a file");
  EXPECT_EQ(NotAnInputFile("/dev/zero"), "is not a regular file (a device or FIFO?)");
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  EXPECT_EQ(NotAnInputFile(dir_ / "fifo"), "is not a regular file (a device or FIFO?)");
}

}  // namespace
}  // namespace peninsula::io
