// Hdf5Reader: read-only access to files written by Hdf5Writer, and tolerant
// enough (fixed-length strings, integer data read as double, missing metadata)
// to read HDF5 files produced by other tools such as h5py.
#include <algorithm>

#include "io/hdf5_detail.hpp"
#include "io/hdf5_store.hpp"

namespace peninsula::io {

using detail::Checked;
using detail::CheckStatus;
using detail::FileRef;
using detail::Handle;

struct Hdf5Reader::State {
  std::filesystem::path path;
  Handle file;

  FileRef Ref() const { return {file.Get(), path}; }
};

namespace {

// A dataset or an attribute: both are read the same way except for which
// H5D/H5A function is called.
struct Source {
  FileRef ref;
  std::string where;  // object path, plus " @key" for attributes
  Handle handle;
  bool is_attribute;

  Handle Type() const {
    const hid_t id = is_attribute ? H5Aget_type(handle.Get()) : H5Dget_type(handle.Get());
    return Checked(id, H5Tclose, ref, where, "cannot get data type");
  }
  Handle Space() const {
    const hid_t id = is_attribute ? H5Aget_space(handle.Get()) : H5Dget_space(handle.Get());
    return Checked(id, H5Sclose, ref, where, "cannot get dataspace");
  }
  std::vector<std::size_t> Shape() const {
    Handle space = Space();
    return detail::SpaceShape(ref, where, space.Get());
  }
  void Read(hid_t memory_type, void* buffer) const {
    const herr_t status =
        is_attribute ? H5Aread(handle.Get(), memory_type, buffer)
                     : H5Dread(handle.Get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    CheckStatus(status, ref, where, "cannot read data");
  }
};

Source OpenDataset(const FileRef& ref, const std::string& path) {
  const std::string normalized = detail::NormalizePath(ref, path);
  Handle object = detail::OpenObject(ref, normalized);
  if (H5Iget_type(object.Get()) != H5I_DATASET) {
    throw StoreError(ref.path, normalized, "is not a dataset");
  }
  return Source{ref, normalized, std::move(object), false};
}

bool AttributeExists(const FileRef& ref, const std::string& where, hid_t object,
                     const std::string& key) {
  const htri_t exists = H5Aexists(object, key.c_str());
  if (exists < 0) detail::ThrowHdf5(ref, where, "cannot query attribute '" + key + "'");
  return exists > 0;
}

Source OpenAttribute(const FileRef& ref, const std::string& object_path, const std::string& key) {
  const std::string normalized = detail::NormalizePath(ref, object_path);
  Handle object = detail::OpenObject(ref, normalized);
  const std::string where = normalized + " @" + key;
  if (!AttributeExists(ref, normalized, object.Get(), key)) {
    throw StoreError(ref.path, where, "no such attribute");
  }
  Handle attribute = Checked(H5Aopen(object.Get(), key.c_str(), H5P_DEFAULT), H5Aclose, ref, where,
                             "cannot open attribute");
  return Source{ref, where, std::move(attribute), true};
}

H5T_class_t TypeClass(const Source& source) {
  Handle type = source.Type();
  return H5Tget_class(type.Get());
}

// Numbers of either class are accepted when reading doubles; integers only
// when reading integers, so a fractional value is never silently truncated.
template <typename T>
std::vector<T> ReadNumbers(const Source& source, hid_t memory_type, bool accept_float) {
  const H5T_class_t type_class = TypeClass(source);
  const bool ok = type_class == H5T_INTEGER || (accept_float && type_class == H5T_FLOAT);
  if (!ok) {
    throw StoreError(source.ref.path, source.where,
                     accept_float ? "does not hold numbers" : "does not hold integers");
  }
  std::vector<T> values(detail::ElementCount(source.Shape()));
  if (!values.empty()) source.Read(memory_type, values.data());
  return values;
}

void ReclaimStrings(const Source& source, hid_t memory_type, void* buffer) {
  Handle space = source.Space();
#if H5_VERSION_GE(1, 12, 0)
  H5Treclaim(memory_type, space.Get(), H5P_DEFAULT, buffer);
#else
  H5Dvlen_reclaim(memory_type, space.Get(), H5P_DEFAULT, buffer);
#endif
}

std::vector<std::string> ReadVariableStrings(const Source& source, hid_t memory_type,
                                             std::size_t count) {
  std::vector<char*> pointers(count, nullptr);
  source.Read(memory_type, pointers.data());
  std::vector<std::string> values;
  values.reserve(count);
  for (const char* pointer : pointers) values.emplace_back(pointer != nullptr ? pointer : "");
  ReclaimStrings(source, memory_type, pointers.data());
  return values;
}

// Fixed-length strings (as h5py writes numpy "S" arrays) are NUL- or
// space-padded to a common width.
std::vector<std::string> ReadFixedStrings(const Source& source, hid_t memory_type,
                                          std::size_t count) {
  const std::size_t width = H5Tget_size(memory_type);
  const bool space_padded = H5Tget_strpad(memory_type) == H5T_STR_SPACEPAD;
  std::vector<char> buffer(count * width);
  source.Read(memory_type, buffer.data());
  std::vector<std::string> values;
  values.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string value(buffer.data() + i * width, width);
    value.resize(std::min(value.find('\0'), value.size()));
    if (space_padded) value.erase(value.find_last_not_of(' ') + 1);
    values.push_back(std::move(value));
  }
  return values;
}

std::vector<std::string> ReadStringValues(const Source& source) {
  Handle type = source.Type();
  if (H5Tget_class(type.Get()) != H5T_STRING) {
    throw StoreError(source.ref.path, source.where, "does not hold strings");
  }
  const std::size_t count = detail::ElementCount(source.Shape());
  if (count == 0) return {};
  // Reading with the stored type itself avoids any character-set conversion.
  const htri_t variable = H5Tis_variable_str(type.Get());
  if (variable < 0) detail::ThrowHdf5(source.ref, source.where, "cannot inspect string type");
  return variable > 0 ? ReadVariableStrings(source, type.Get(), count)
                      : ReadFixedStrings(source, type.Get(), count);
}

template <typename T>
T Single(const Source& source, std::vector<T> values) {
  if (values.size() != 1) {
    throw StoreError(source.ref.path, source.where,
                     "holds " + std::to_string(values.size()) + " values, expected one");
  }
  return std::move(values.front());
}

herr_t CollectAttributeName(hid_t /*location*/, const char* name, const H5A_info_t* /*info*/,
                            void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

std::string LinkNameAt(const FileRef& ref, const std::string& path, hid_t group, hsize_t index) {
  const ssize_t size =
      H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nullptr, 0, H5P_DEFAULT);
  if (size < 0) detail::ThrowHdf5(ref, path, "cannot read link name");
  std::string name(static_cast<std::size_t>(size) + 1, '\0');
  if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, name.data(), name.size(),
                         H5P_DEFAULT) < 0) {
    detail::ThrowHdf5(ref, path, "cannot read link name");
  }
  name.resize(static_cast<std::size_t>(size));
  return name;
}

}  // namespace

Hdf5Reader::Hdf5Reader(const std::filesystem::path& path) : state_(std::make_unique<State>()) {
  detail::SilenceHdf5Errors();
  state_->path = path;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw StoreError(path, "", "file does not exist");
  if (!std::filesystem::is_regular_file(status)) throw StoreError(path, "", "not a regular file");
  const FileRef ref{H5I_INVALID_HID, state_->path};
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 < 0) detail::ThrowHdf5(ref, "", "cannot read file");
  if (is_hdf5 == 0) throw StoreError(path, "", "not an HDF5 file");
  state_->file = Checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, ref, "",
                         "cannot open HDF5 file");
}

Hdf5Reader::Hdf5Reader(Hdf5Reader&& other) noexcept = default;
Hdf5Reader& Hdf5Reader::operator=(Hdf5Reader&& other) noexcept = default;
Hdf5Reader::~Hdf5Reader() = default;

const Hdf5Reader::State& Hdf5Reader::Open() const {
  detail::SilenceHdf5Errors();
  if (!state_) throw StoreError("", "", "reader was moved from");
  return *state_;
}

const std::filesystem::path& Hdf5Reader::Path() const noexcept {
  static const std::filesystem::path kNone;
  return state_ ? state_->path : kNone;
}

bool Hdf5Reader::Exists(const std::string& path) const {
  const FileRef ref = Open().Ref();
  return detail::LinkExists(ref.id, detail::NormalizePath(ref, path));
}

std::vector<std::string> Hdf5Reader::ListChildren(const std::string& group_path) const {
  const FileRef ref = Open().Ref();
  const std::string normalized = detail::NormalizePath(ref, group_path);
  Handle group = detail::OpenObject(ref, normalized);
  if (H5Iget_type(group.Get()) != H5I_GROUP) {
    throw StoreError(ref.path, normalized, "is not a group");
  }
  H5G_info_t info;
  CheckStatus(H5Gget_info(group.Get(), &info), ref, normalized, "cannot query group");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    names.push_back(LinkNameAt(ref, normalized, group.Get(), i));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> Hdf5Reader::ReadAxis(const std::string& name) const {
  return ReadStrings("/sets/" + name);
}

Hdf5Reader::Array Hdf5Reader::ReadArray(const std::string& path) const {
  const Source source = OpenDataset(Open().Ref(), path);
  Array array;
  array.data = ReadNumbers<double>(source, H5T_NATIVE_DOUBLE, true);
  array.shape = source.Shape();
  array.meta = ReadMeta(path);
  return array;
}

std::vector<long long> Hdf5Reader::ReadIntArray(const std::string& path) const {
  return ReadNumbers<long long>(OpenDataset(Open().Ref(), path), H5T_NATIVE_LLONG, false);
}

std::vector<std::string> Hdf5Reader::ReadStrings(const std::string& path) const {
  return ReadStringValues(OpenDataset(Open().Ref(), path));
}

std::vector<std::size_t> Hdf5Reader::ReadShape(const std::string& path) const {
  return OpenDataset(Open().Ref(), path).Shape();
}

ArrayMeta Hdf5Reader::ReadMeta(const std::string& path) const {
  ArrayMeta meta;
  if (HasAttribute(path, "dims")) meta.dims = ReadStringsAttribute(path, "dims");
  if (HasAttribute(path, "unit")) meta.unit = ReadStringAttribute(path, "unit");
  if (HasAttribute(path, "description")) {
    meta.description = ReadStringAttribute(path, "description");
  }
  return meta;
}

bool Hdf5Reader::HasAttribute(const std::string& object_path, const std::string& key) const {
  const FileRef ref = Open().Ref();
  const std::string normalized = detail::NormalizePath(ref, object_path);
  Handle object = detail::OpenObject(ref, normalized);
  return AttributeExists(ref, normalized, object.Get(), key);
}

std::vector<std::string> Hdf5Reader::ListAttributes(const std::string& object_path) const {
  const FileRef ref = Open().Ref();
  const std::string normalized = detail::NormalizePath(ref, object_path);
  Handle object = detail::OpenObject(ref, normalized);
  std::vector<std::string> names;
  CheckStatus(
      H5Aiterate2(object.Get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, CollectAttributeName, &names),
      ref, normalized, "cannot list attributes");
  std::sort(names.begin(), names.end());
  return names;
}

std::string Hdf5Reader::ReadStringAttribute(const std::string& object_path,
                                            const std::string& key) const {
  const Source source = OpenAttribute(Open().Ref(), object_path, key);
  return Single(source, ReadStringValues(source));
}

double Hdf5Reader::ReadDoubleAttribute(const std::string& object_path,
                                       const std::string& key) const {
  const Source source = OpenAttribute(Open().Ref(), object_path, key);
  return Single(source, ReadNumbers<double>(source, H5T_NATIVE_DOUBLE, true));
}

long long Hdf5Reader::ReadIntAttribute(const std::string& object_path,
                                       const std::string& key) const {
  const Source source = OpenAttribute(Open().Ref(), object_path, key);
  return Single(source, ReadNumbers<long long>(source, H5T_NATIVE_LLONG, false));
}

std::vector<std::string> Hdf5Reader::ReadStringsAttribute(const std::string& object_path,
                                                          const std::string& key) const {
  return ReadStringValues(OpenAttribute(Open().Ref(), object_path, key));
}

std::vector<double> Hdf5Reader::ReadDoublesAttribute(const std::string& object_path,
                                                     const std::string& key) const {
  return ReadNumbers<double>(OpenAttribute(Open().Ref(), object_path, key), H5T_NATIVE_DOUBLE,
                             true);
}

}  // namespace peninsula::io
