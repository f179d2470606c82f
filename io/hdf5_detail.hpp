// Internal helpers shared by the HDF5 writer and reader: an RAII owner for hid_t,
// conversion of HDF5 failures into StoreError, object-path handling and the
// string/dataspace types both sides agree on. Not part of the public API; only
// io/*.cpp include it, so hdf5.h never leaks to users of the library.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace peninsula::io::detail {

// Owns one HDF5 identifier and closes it with the matching H5?close function.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  Handle(hid_t id, Closer closer) noexcept : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      Close();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { Close(); }

  hid_t Get() const noexcept { return id_; }
  bool Valid() const noexcept { return id_ >= 0; }

  // Returns false if HDF5 reported a failure; for files that matters, because
  // closing is when the remaining metadata reaches the disk.
  bool Close() noexcept {
    if (id_ < 0) return true;
    const herr_t status = closer_(id_);
    id_ = H5I_INVALID_HID;
    return status >= 0;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// The open file an operation works on, so errors can name it.
struct FileRef {
  hid_t id;
  const std::filesystem::path& path;
};

// HDF5 prints its error stack to stderr by default; we report through
// exceptions instead. The setting is per thread in thread-safe builds, so every
// public entry point calls this (it is cheap after the first call per thread).
void SilenceHdf5Errors();

// Throws StoreError naming the file and object, appending the most specific
// message from HDF5's current error stack (which it then clears).
[[noreturn]] void ThrowHdf5(const FileRef& file, const std::string& object_path,
                            const std::string& what);

// Wraps a freshly returned identifier, throwing if HDF5 signalled failure.
Handle Checked(hid_t id, Handle::Closer closer, const FileRef& file, const std::string& object_path,
               const std::string& what);
void CheckStatus(herr_t status, const FileRef& file, const std::string& object_path,
                 const std::string& what);

// "a//b/" -> "/a/b"; "" and "/" -> "/". Rejects "." and ".." components.
std::string NormalizePath(const FileRef& file, const std::string& path);
std::string ParentPath(const std::string& normalized);  // "/a/b" -> "/a", "/a" -> "/"
std::string BaseName(const std::string& normalized);    // "/a/b" -> "b"

// True if every component of the normalized path exists as a link.
bool LinkExists(hid_t file, const std::string& normalized);
// Opens a group or dataset; StoreError "no such object" if absent.
Handle OpenObject(const FileRef& file, const std::string& normalized);

// Variable-length UTF-8 string type, used for every string we store.
Handle MakeStringType(const FileRef& file, const std::string& object_path);
// Scalar dataspace for shape {}, simple dataspace otherwise.
Handle MakeSpace(const FileRef& file, const std::string& object_path,
                 const std::vector<std::size_t>& shape);
std::vector<std::size_t> SpaceShape(const FileRef& file, const std::string& object_path,
                                    hid_t space);
std::size_t ElementCount(const std::vector<std::size_t>& shape);  // 1 for a scalar

std::string ShapeToString(const std::vector<std::size_t>& shape);  // "[2, 3]"

}  // namespace peninsula::io::detail
