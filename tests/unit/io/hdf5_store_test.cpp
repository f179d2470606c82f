// Unit tests for io/: HDF5 round trips of every supported object, the atomic
// temp-file-and-rename protocol, error messages that name files and objects,
// and SHA-256 against the FIPS 180-2 test vectors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "io/hdf5_store.hpp"
#include "io/sha256.hpp"

namespace peninsula::io {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Each test gets its own empty directory, removed afterwards.
class Hdf5StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("peninsula_io_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir_);
  }

  fs::path File(const std::string& name) const { return dir_ / name; }

  std::vector<fs::path> DirectoryEntries() const {
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(dir_)) entries.push_back(entry.path());
    return entries;
  }

  fs::path dir_;
};

template <typename Action>
std::string ErrorMessage(Action action) {
  try {
    action();
  } catch (const StoreError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected StoreError";
  return "";
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// ---------------------------------------------------------------- SHA-256

TEST(Sha256Test, StandardVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, MillionAsFedInUnevenPieces) {
  Sha256 hasher;
  const std::string piece(997, 'a');  // prime, so pieces straddle block edges
  std::size_t fed = 0;
  while (fed < 1000000) {
    const std::size_t take = std::min(piece.size(), 1000000 - fed);
    hasher.Update(piece.data(), take);
    fed += take;
  }
  std::string hex;
  for (std::uint8_t byte : hasher.Finish()) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0f];
  }
  EXPECT_EQ(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_F(Hdf5StoreTest, Sha256FileHashesBytes) {
  WriteText(File("input.csv"), "abc");
  EXPECT_EQ(Sha256File(File("input.csv")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string big(200000, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31 % 251);
  WriteText(File("big.bin"), big);
  EXPECT_EQ(Sha256File(File("big.bin")), Sha256Hex(big));
  EXPECT_THAT(ErrorMessage([&] { Sha256File(File("missing.csv")); }),
              HasSubstr(File("missing.csv").string()));
}

// ---------------------------------------------------------------- round trips

TEST_F(Hdf5StoreTest, AxesRoundTrip) {
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.WriteAxis("region", {"north", "south", "Zürich"});
    writer.WriteAxis("sector", {"agr", "man", "ser", "gov"});
    writer.WriteAxis("none", {});
    writer.Commit();
  }
  Hdf5Reader reader(File("out.h5"));
  EXPECT_EQ(reader.ReadAxis("region"), (std::vector<std::string>{"north", "south", "Zürich"}));
  EXPECT_EQ(reader.ReadAxis("sector"), (std::vector<std::string>{"agr", "man", "ser", "gov"}));
  EXPECT_TRUE(reader.ReadAxis("none").empty());
  EXPECT_EQ(reader.ListChildren("/sets"), (std::vector<std::string>{"none", "region", "sector"}));
  EXPECT_EQ(reader.ListChildren("/"), (std::vector<std::string>{"sets"}));
}

TEST_F(Hdf5StoreTest, AxisRejectsDuplicateLabelsAndBadNames) {
  auto writer = Hdf5Writer::Create(File("out.h5"), false);
  EXPECT_THAT(ErrorMessage([&] {
                writer.WriteAxis("r", {"a", "b", "a"});
              }),
              HasSubstr("duplicate axis label 'a'"));
  EXPECT_THAT(ErrorMessage([&] { writer.WriteAxis("a/b", {"x"}); }), HasSubstr("'/'"));
}

TEST_F(Hdf5StoreTest, ArraysOfEveryRankRoundTrip) {
  const std::vector<double> one_d = {1.5, -2.25, 3.0};
  const std::vector<double> two_d = {1, 2, 3, 4, 5, 6};  // 2 x 3, asymmetric on purpose
  std::vector<double> three_d(2 * 3 * 4);
  for (std::size_t i = 0; i < three_d.size(); ++i) three_d[i] = 0.5 * static_cast<double>(i);
  const std::vector<double> scalar = {42.0};
  const std::vector<double> empty;
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.WriteArray("/s/v1", one_d, {3}, {{"r"}, "USD", "one-d"});
    writer.WriteArray("s/v2", two_d, {2, 3}, {{"r", "c"}, "1", "two-d"});
    writer.WriteArray("/s/deep/v3", three_d, {2, 3, 4}, {{"r", "c", "t"}, "", ""});
    writer.WriteArray("/s/scalar", scalar, {}, {{}, "ratio", "a scalar"});
    writer.WriteArray("/s/empty", empty, {0}, {{"r"}, "USD", "nothing"});
    writer.Commit();
  }
  Hdf5Reader reader(File("out.h5"));
  const auto v1 = reader.ReadArray("/s/v1");
  EXPECT_EQ(v1.data, one_d);
  EXPECT_EQ(v1.shape, (std::vector<std::size_t>{3}));
  EXPECT_EQ(v1.meta.dims, (std::vector<std::string>{"r"}));
  EXPECT_EQ(v1.meta.unit, "USD");
  EXPECT_EQ(v1.meta.description, "one-d");

  const auto v2 = reader.ReadArray("s/v2");
  EXPECT_EQ(v2.data, two_d);
  EXPECT_EQ(v2.shape, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(v2.meta.dims, (std::vector<std::string>{"r", "c"}));

  const auto v3 = reader.ReadArray("/s/deep/v3");
  EXPECT_EQ(v3.data, three_d);
  EXPECT_EQ(v3.shape, (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_EQ(v3.meta.unit, "");

  const auto s = reader.ReadArray("/s/scalar");
  EXPECT_EQ(s.data, scalar);
  EXPECT_TRUE(s.shape.empty());
  EXPECT_TRUE(s.meta.dims.empty());
  EXPECT_EQ(s.meta.description, "a scalar");

  const auto e = reader.ReadArray("/s/empty");
  EXPECT_TRUE(e.data.empty());
  EXPECT_EQ(e.shape, (std::vector<std::size_t>{0}));
  EXPECT_EQ(reader.ReadShape("/s/v2"), (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(reader.ListChildren("/s"),
            (std::vector<std::string>{"deep", "empty", "scalar", "v1", "v2"}));
}

// Reads the filter count and layout straight from HDF5, which the API hides.
std::pair<int, H5D_layout_t> StorageOf(const fs::path& file, const std::string& path) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, path.c_str(), H5P_DEFAULT);
  const hid_t plist = H5Dget_create_plist(d);
  const std::pair<int, H5D_layout_t> result{H5Pget_nfilters(plist), H5Pget_layout(plist)};
  H5Pclose(plist);
  H5Dclose(d);
  H5Fclose(f);
  return result;
}

TEST_F(Hdf5StoreTest, LargeArraysAreCompressedSmallOnesAreNot) {
  std::vector<double> large(300 * 7);
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<double>(i % 17);
  const std::vector<double> small(1023, 1.0);
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.WriteArray("/large", large, {300, 7}, {{"a", "b"}, "", ""});
    writer.WriteArray("/small", small, {1023}, {{"a"}, "", ""});
    writer.Commit();
  }
  const auto [large_filters, large_layout] = StorageOf(File("out.h5"), "/large");
  EXPECT_EQ(large_filters, 2);  // shuffle + deflate
  EXPECT_EQ(large_layout, H5D_CHUNKED);
  const auto [small_filters, small_layout] = StorageOf(File("out.h5"), "/small");
  EXPECT_EQ(small_filters, 0);
  EXPECT_EQ(small_layout, H5D_CONTIGUOUS);
  EXPECT_EQ(Hdf5Reader(File("out.h5")).ReadArray("/large").data, large);
}

TEST_F(Hdf5StoreTest, DimsAttributeIsArrayOfUtf8Strings) {
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.WriteArray("/x", std::vector<double>{1, 2}, {2}, {{"r"}, "", ""});
    writer.Commit();
  }
  const hid_t f = H5Fopen(File("out.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t a = H5Aopen_by_name(f, "/x", "dims", H5P_DEFAULT, H5P_DEFAULT);
  const hid_t type = H5Aget_type(a);
  const hid_t space = H5Aget_space(a);
  EXPECT_EQ(H5Tget_class(type), H5T_STRING);
  EXPECT_GT(H5Tis_variable_str(type), 0);
  EXPECT_EQ(H5Tget_cset(type), H5T_CSET_UTF8);
  EXPECT_EQ(H5Sget_simple_extent_ndims(space), 1);
  H5Sclose(space);
  H5Tclose(type);
  H5Aclose(a);
  H5Fclose(f);
}

TEST_F(Hdf5StoreTest, IntArraysRoundTrip) {
  const std::vector<long long> values = {-3, 0, 7, 1LL << 62, -(1LL << 62), 11};
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.WriteIntArray("/solver/iterations", values, {2, 3}, {{"a", "b"}, "count", "iters"});
    writer.WriteIntArray("/solver/status", std::vector<long long>{0}, {}, {{}, "", "code"});
    writer.WriteIntArray("/solver/none", std::vector<long long>{}, {0}, {{"a"}, "", ""});
    writer.Commit();
  }
  Hdf5Reader reader(File("out.h5"));
  EXPECT_EQ(reader.ReadIntArray("/solver/iterations"), values);
  EXPECT_EQ(reader.ReadShape("/solver/iterations"), (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(reader.ReadMeta("/solver/iterations").unit, "count");
  EXPECT_EQ(reader.ReadIntArray("/solver/status"), (std::vector<long long>{0}));
  EXPECT_TRUE(reader.ReadIntArray("/solver/none").empty());
  // Integers widen to double, but doubles never silently truncate to integers.
  EXPECT_EQ(reader.ReadArray("/solver/status").data, (std::vector<double>{0.0}));
}

TEST_F(Hdf5StoreTest, ReadingTheWrongKindFails) {
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.WriteArray("/x", std::vector<double>{1.5}, {1}, {{"r"}, "", ""});
    writer.WriteStrings("/names", {"a"}, {{"r"}, "", ""});
    writer.Commit();
  }
  Hdf5Reader reader(File("out.h5"));
  EXPECT_THAT(ErrorMessage([&] { reader.ReadIntArray("/x"); }), HasSubstr("integers"));
  EXPECT_THAT(ErrorMessage([&] { reader.ReadArray("/names"); }), HasSubstr("numbers"));
  EXPECT_THAT(ErrorMessage([&] { reader.ReadStrings("/x"); }), HasSubstr("strings"));
  EXPECT_THAT(ErrorMessage([&] { reader.ReadArray("/missing/y"); }),
              HasSubstr("/missing/y: no such object"));
}

TEST_F(Hdf5StoreTest, StringsRoundTrip) {
  const std::vector<std::string> values = {"shock = 10%", "", "τ_m ↑", "last"};
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.WriteStrings("/scenario/notes", values, {{"note"}, "", "free text"});
    writer.WriteStrings("/scenario/empty", {}, {{"note"}, "", ""});
    writer.Commit();
  }
  Hdf5Reader reader(File("out.h5"));
  EXPECT_EQ(reader.ReadStrings("/scenario/notes"), values);
  EXPECT_EQ(reader.ReadMeta("/scenario/notes").description, "free text");
  EXPECT_TRUE(reader.ReadStrings("/scenario/empty").empty());
}

TEST_F(Hdf5StoreTest, EveryAttributeTypeRoundTrips) {
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.CreateGroup("/scenario");
    writer.WriteArray("/scenario/x", std::vector<double>{1}, {1}, {{"r"}, "", ""});
    for (const std::string object : {"/", "/scenario", "/scenario/x"}) {
      writer.SetAttribute(object, "text", "peninsula " + object);
      writer.SetAttribute(object, "literal", "plain");
      writer.SetAttribute(object, "real", 0.125);
      writer.SetAttribute(object, "count", 1234567890123LL);
      writer.SetAttribute(object, "small_int", 7);
      writer.SetAttribute(object, "size", std::size_t{9});
      writer.SetAttribute(object, "list", std::vector<std::string>{"a.csv", "b.csv"});
      writer.SetAttribute(object, "empty_list", std::vector<std::string>{});
      writer.SetAttribute(object, "reals", std::vector<double>{1.0, -2.5, 1e300});
      writer.SetAttribute(object, "no_reals", std::vector<double>{});
    }
    writer.SetAttribute("/", "real", 0.5);  // replaces, rather than failing
    writer.Commit();
  }
  Hdf5Reader reader(File("out.h5"));
  for (const std::string object : {"/", "/scenario", "/scenario/x"}) {
    SCOPED_TRACE(object);
    EXPECT_EQ(reader.ReadStringAttribute(object, "text"), "peninsula " + object);
    EXPECT_EQ(reader.ReadStringAttribute(object, "literal"), "plain");
    EXPECT_EQ(reader.ReadDoubleAttribute(object, "real"), object == "/" ? 0.5 : 0.125);
    EXPECT_EQ(reader.ReadIntAttribute(object, "count"), 1234567890123LL);
    EXPECT_EQ(reader.ReadIntAttribute(object, "small_int"), 7);
    EXPECT_EQ(reader.ReadIntAttribute(object, "size"), 9);
    EXPECT_EQ(reader.ReadStringsAttribute(object, "list"),
              (std::vector<std::string>{"a.csv", "b.csv"}));
    EXPECT_TRUE(reader.ReadStringsAttribute(object, "empty_list").empty());
    EXPECT_EQ(reader.ReadDoublesAttribute(object, "reals"),
              (std::vector<double>{1.0, -2.5, 1e300}));
    EXPECT_TRUE(reader.ReadDoublesAttribute(object, "no_reals").empty());
    EXPECT_TRUE(reader.HasAttribute(object, "text"));
    EXPECT_FALSE(reader.HasAttribute(object, "absent"));
  }
  EXPECT_EQ(reader.ListAttributes("/"),
            (std::vector<std::string>{"count", "empty_list", "list", "literal", "no_reals", "real",
                                      "reals", "size", "small_int", "text"}));
  EXPECT_THAT(ErrorMessage([&] { reader.ReadStringAttribute("/", "list"); }),
              HasSubstr("expected one"));
  EXPECT_THAT(ErrorMessage([&] { reader.ReadIntAttribute("/", "real"); }), HasSubstr("integers"));
  EXPECT_THAT(ErrorMessage([&] { reader.ReadStringAttribute("/", "absent"); }),
              HasSubstr("/ @absent: no such attribute"));
}

TEST_F(Hdf5StoreTest, AttributeOnMissingObjectFails) {
  auto writer = Hdf5Writer::Create(File("out.h5"), false);
  EXPECT_THAT(ErrorMessage([&] { writer.SetAttribute("/nowhere", "k", 1.0); }),
              HasSubstr("/nowhere: no such object"));
}

// ---------------------------------------------------------------- validation

TEST_F(Hdf5StoreTest, WriteValidatesShapesAndPaths) {
  auto writer = Hdf5Writer::Create(File("out.h5"), false);
  const std::vector<double> data = {1, 2, 3, 4, 5};
  const std::string shape_error = ErrorMessage([&] {
    writer.WriteArray("/v/x", data, {2, 3}, {{"a", "b"}, "", ""});
  });
  EXPECT_THAT(shape_error, HasSubstr(File("out.h5").string()));
  EXPECT_THAT(shape_error, HasSubstr("/v/x"));
  EXPECT_THAT(shape_error, HasSubstr("[2, 3]"));
  EXPECT_THAT(ErrorMessage([&] {
                writer.WriteArray("/v/x", data, {5}, {{}, "", ""});
              }),
              HasSubstr("0 dims given for rank 1"));
  writer.WriteArray("/v/x", data, {5}, {{"a"}, "", ""});
  EXPECT_THAT(ErrorMessage([&] {
                writer.WriteArray("/v/x", data, {5}, {{"a"}, "", ""});
              }),
              HasSubstr("/v/x: already exists"));
  EXPECT_THAT(ErrorMessage([&] {
                writer.WriteArray("/v/x/y", data, {5}, {{"a"}, "", ""});
              }),
              HasSubstr("/v/x: exists but is not a group"));
  EXPECT_THAT(ErrorMessage([&] {
                writer.WriteArray("/v/../x", data, {5}, {{"a"}, "", ""});
              }),
              HasSubstr("'..'"));
  EXPECT_THAT(ErrorMessage([&] {
                writer.WriteStrings("/v/s", {"a"}, {{}, "", ""});
              }),
              HasSubstr("dims"));
  EXPECT_THAT(ErrorMessage([&] {
                writer.WriteStrings("/v/nul", {std::string("a\0b", 3)}, {{"a"}, "", ""});
              }),
              HasSubstr("NUL"));
}

TEST_F(Hdf5StoreTest, CreateGroupIsIdempotentAndCreatesParents) {
  {
    auto writer = Hdf5Writer::Create(File("out.h5"), false);
    writer.CreateGroup("/a/b/c");
    writer.CreateGroup("/a/b/c");
    writer.CreateGroup("a/b");
    writer.CreateGroup("/a/d/");
    writer.Commit();
  }
  Hdf5Reader reader(File("out.h5"));
  EXPECT_TRUE(reader.Exists("/a/b/c"));
  EXPECT_TRUE(reader.Exists("/"));
  EXPECT_FALSE(reader.Exists("/a/x/y"));
  EXPECT_EQ(reader.ListChildren("/a"), (std::vector<std::string>{"b", "d"}));
  EXPECT_TRUE(reader.ListChildren("/a/b/c").empty());
}

// ---------------------------------------------------------------- atomic files

TEST_F(Hdf5StoreTest, NothingAtFinalPathBeforeCommit) {
  const fs::path final_path = File("result.h5");
  auto writer = Hdf5Writer::Create(final_path, false);
  writer.WriteAxis("r", {"a"});
  EXPECT_FALSE(fs::exists(final_path));
  EXPECT_TRUE(fs::exists(writer.TempPath()));
  EXPECT_THAT(writer.TempPath().string(),
              HasSubstr(final_path.string() + ".tmp." + std::to_string(::getpid()) + "."));
  writer.Commit();
  EXPECT_TRUE(fs::exists(final_path));
  EXPECT_EQ(DirectoryEntries(), std::vector<fs::path>{final_path});
  EXPECT_THAT(ErrorMessage([&] { writer.WriteAxis("s", {"b"}); }), HasSubstr("closed"));
  EXPECT_THAT(ErrorMessage([&] { writer.Commit(); }), HasSubstr("closed"));
}

TEST_F(Hdf5StoreTest, DestroyingWithoutCommitRemovesTempFile) {
  const fs::path final_path = File("result.h5");
  fs::path temp_path;
  {
    auto writer = Hdf5Writer::Create(final_path, false);
    writer.WriteArray("/x", std::vector<double>{1, 2}, {2}, {{"r"}, "", ""});
    temp_path = writer.TempPath();
    EXPECT_TRUE(fs::exists(temp_path));
  }
  EXPECT_FALSE(fs::exists(temp_path));
  EXPECT_FALSE(fs::exists(final_path));
  EXPECT_TRUE(DirectoryEntries().empty());
}

TEST_F(Hdf5StoreTest, MovedWriterKeepsOneOwner) {
  const fs::path final_path = File("result.h5");
  auto first = Hdf5Writer::Create(final_path, false);
  Hdf5Writer second = std::move(first);
  second.WriteAxis("r", {"a"});
  EXPECT_THAT(ErrorMessage([&] { first.WriteAxis("s", {"b"}); }), HasSubstr("closed"));
  auto other = Hdf5Writer::Create(File("other.h5"), false);
  const fs::path other_temp = other.TempPath();
  other = std::move(second);  // discards other's uncommitted file
  EXPECT_FALSE(fs::exists(other_temp));
  other.Commit();
  EXPECT_EQ(Hdf5Reader(final_path).ReadAxis("r"), std::vector<std::string>{"a"});
}

TEST_F(Hdf5StoreTest, RefusesToOverwriteWithoutFlag) {
  const fs::path final_path = File("result.h5");
  WriteText(final_path, "precious");
  const std::string message = ErrorMessage([&] { Hdf5Writer::Create(final_path, false); });
  EXPECT_THAT(message, HasSubstr(final_path.string()));
  EXPECT_THAT(message, HasSubstr("--overwrite"));
  EXPECT_EQ(Sha256File(final_path), Sha256Hex("precious"));

  auto writer = Hdf5Writer::Create(final_path, true);
  writer.WriteAxis("r", {"a", "b"});
  writer.Commit();
  EXPECT_EQ(Hdf5Reader(final_path).ReadAxis("r"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(DirectoryEntries(), std::vector<fs::path>{final_path});
}

TEST_F(Hdf5StoreTest, CommitRefusesFileThatAppearedMeanwhile) {
  const fs::path final_path = File("result.h5");
  auto writer = Hdf5Writer::Create(final_path, false);
  WriteText(final_path, "someone else");
  EXPECT_THAT(ErrorMessage([&] { writer.Commit(); }), HasSubstr("--overwrite"));
  EXPECT_EQ(Sha256File(final_path), Sha256Hex("someone else"));
}

TEST_F(Hdf5StoreTest, MissingDirectoryIsNamed) {
  const fs::path missing_dir = File("no_such_dir");
  const std::string message =
      ErrorMessage([&] { Hdf5Writer::Create(missing_dir / "out.h5", false); });
  EXPECT_THAT(message, HasSubstr(missing_dir.string()));
  EXPECT_THAT(message, HasSubstr("does not exist"));
}

TEST_F(Hdf5StoreTest, DirectoryThatIsAFileIsNamed) {
  WriteText(File("plain"), "x");
  const std::string message =
      ErrorMessage([&] { Hdf5Writer::Create(File("plain") / "out.h5", false); });
  EXPECT_THAT(message, HasSubstr(File("plain").string()));
  EXPECT_THAT(message, HasSubstr("not a directory"));
}

TEST_F(Hdf5StoreTest, UnwritableDirectoryIsNamed) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  const fs::path locked = File("locked");
  fs::create_directories(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  const std::string message = ErrorMessage([&] { Hdf5Writer::Create(locked / "out.h5", false); });
  fs::permissions(locked, fs::perms::owner_all);
  EXPECT_THAT(message, HasSubstr(locked.string()));
  EXPECT_THAT(message, HasSubstr("not writable"));
}

// Runs as root too (where permission bits are ignored): /proc accepts no new
// files, so this exercises the failure of HDF5's own file creation.
TEST_F(Hdf5StoreTest, UncreatableTempFileIsNamed) {
  if (!fs::is_directory("/proc")) GTEST_SKIP() << "needs Linux /proc";
  const std::string message = ErrorMessage([&] { Hdf5Writer::Create("/proc/out.h5", true); });
  EXPECT_THAT(message, HasSubstr("/proc"));
  EXPECT_FALSE(fs::exists("/proc/out.h5"));
}

TEST_F(Hdf5StoreTest, TwoWritersDoNotInterfere) {
  auto first = Hdf5Writer::Create(File("one.h5"), false);
  auto second = Hdf5Writer::Create(File("two.h5"), false);
  EXPECT_NE(first.TempPath(), second.TempPath());
  first.WriteAxis("r", {"a"});
  second.WriteAxis("r", {"b", "c"});
  first.WriteArray("/x", std::vector<double>{1}, {1}, {{"r"}, "", ""});
  second.WriteArray("/x", std::vector<double>{2, 3}, {2}, {{"r"}, "", ""});
  second.Commit();
  first.Commit();
  EXPECT_EQ(Hdf5Reader(File("one.h5")).ReadArray("/x").data, std::vector<double>{1});
  EXPECT_EQ(Hdf5Reader(File("two.h5")).ReadArray("/x").data, (std::vector<double>{2, 3}));
  EXPECT_EQ(Hdf5Reader(File("two.h5")).ReadAxis("r"), (std::vector<std::string>{"b", "c"}));
}

TEST_F(Hdf5StoreTest, WritersInTwoThreadsDoNotInterfere) {
  auto write = [this](const std::string& name, double value) {
    auto writer = Hdf5Writer::Create(File(name), false);
    for (int i = 0; i < 50; ++i) {
      writer.WriteArray("/v" + std::to_string(i), std::vector<double>(100, value), {100},
                        {{"r"}, "", ""});
    }
    writer.Commit();
  };
  std::thread a(write, "a.h5", 1.0);
  std::thread b(write, "b.h5", 2.0);
  a.join();
  b.join();
  EXPECT_EQ(Hdf5Reader(File("a.h5")).ReadArray("/v49").data, std::vector<double>(100, 1.0));
  EXPECT_EQ(Hdf5Reader(File("b.h5")).ReadArray("/v49").data, std::vector<double>(100, 2.0));
}

TEST_F(Hdf5StoreTest, SameContentGivesIdenticalBytes) {
  for (const std::string name : {"a.h5", "b.h5"}) {
    auto writer = Hdf5Writer::Create(File(name), false);
    writer.WriteAxis("r", {"x", "y"});
    writer.WriteArray("/vars/p", std::vector<double>{1, 2}, {2}, {{"r"}, "1", "price"});
    writer.SetAttribute("/", "version", "0.1.0");
    writer.Commit();
  }
  EXPECT_EQ(Sha256File(File("a.h5")), Sha256File(File("b.h5")));
}

// ---------------------------------------------------------------- reader errors

TEST_F(Hdf5StoreTest, ReadingNonHdf5FileNamesIt) {
  WriteText(File("data.csv"), "region,value\nnorth,1\n");
  const std::string message = ErrorMessage([&] { Hdf5Reader reader(File("data.csv")); });
  EXPECT_THAT(message, HasSubstr(File("data.csv").string()));
  EXPECT_THAT(message, HasSubstr("not an HDF5 file"));
  EXPECT_THAT(ErrorMessage([&] { Hdf5Reader reader(File("absent.h5")); }),
              HasSubstr(File("absent.h5").string()));
}

}  // namespace
}  // namespace peninsula::io
