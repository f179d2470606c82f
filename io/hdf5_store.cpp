// Shared pieces of the public HDF5 store API. The writer and reader live in
// hdf5_writer.cpp and hdf5_reader.cpp; helpers in hdf5_detail.cpp.
#include "io/hdf5_store.hpp"

namespace peninsula::io {
namespace {

std::string FormatStoreError(const std::filesystem::path& file_path, const std::string& object_path,
                             const std::string& what) {
  std::string message = file_path.string();
  if (!object_path.empty()) message += ": " + object_path;
  return message + ": " + what;
}

}  // namespace

StoreError::StoreError(const std::filesystem::path& file_path, const std::string& object_path,
                       const std::string& what)
    : std::runtime_error(FormatStoreError(file_path, object_path, what)),
      file_path_(file_path),
      object_path_(object_path) {}

}  // namespace peninsula::io
