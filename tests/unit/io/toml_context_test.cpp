// The shared strict TOML reader (io/toml_context.hpp): file:line in every error, the typed
// getters' messages, and numbers toml++ will not convert on its own.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "io/toml_context.hpp"

namespace peninsula {
namespace {

using ::testing::HasSubstr;

struct TestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
using Context = io::TomlContext<TestError>;

std::string ErrorOf(const std::string& text, void (*read)(const Context&, const toml::table&)) {
  Context c("f.toml");
  try {
    read(c, c.Parse(text));
  } catch (const TestError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TomlContext, SyntaxErrorNamesFileAndLine) {
  EXPECT_THAT(ErrorOf("a = 1\nb = \n", [](const Context&, const toml::table&) {}),
              HasSubstr("f.toml:2: "));
}

// toml++'s value<double>() is empty for integers it cannot represent exactly; reading one
// used to dereference that empty optional.
TEST(TomlContext, IntegerBeyondTwoToTheFiftyThreeIsItsNearestDouble) {
  Context c("f.toml");
  toml::table t = c.Parse("a = 9007199254740993\nb = -9223372036854775808\n");
  EXPECT_EQ(c.Number(t, "a"), 9007199254740992.0);
  EXPECT_EQ(c.Number(t, "b"), -9223372036854775808.0);
}

TEST(TomlContext, NumbersMustBeFinite) {
  auto read = [](const Context& c, const toml::table& t) { (void)c.Number(t, "a"); };
  EXPECT_EQ(ErrorOf("\na = inf\n", read), "f.toml:2: 'a' must be finite");
  EXPECT_EQ(ErrorOf("a = nan\n", read), "f.toml:1: 'a' must be finite");
  EXPECT_EQ(ErrorOf("a = \"1\"\n", read), "f.toml:1: 'a' must be a number");
}

TEST(TomlContext, StringListsNameTheElement) {
  auto read = [](const Context& c, const toml::table& t) { (void)c.Strings(t, "a"); };
  EXPECT_EQ(ErrorOf("a = \"x\"\n", read), "f.toml:1: 'a' must be a list of strings");
  EXPECT_EQ(ErrorOf("a = [\n\"x\",\n2]\n", read), "f.toml:3: 'a' must hold strings only");
  Context c("f.toml");
  toml::table t = c.Parse("a = [\"x\", \"y\"]\n");
  EXPECT_EQ(c.Strings(t, "a"), (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(c.Strings(t, "absent").empty());
}

TEST(TomlContext, TablesAndUnknownKeys) {
  auto table = [](const Context& c, const toml::table& t) { (void)c.Table(t, "a"); };
  EXPECT_EQ(ErrorOf("a = 1\n", table), "f.toml:1: 'a' must be a table [a]");
  auto keys = [](const Context& c, const toml::table& t) {
    c.CheckKeys(*c.Table(t, "a"), {"x", "y"}, "[a]");
  };
  EXPECT_EQ(ErrorOf("[a]\nx = 1\nz = 2\n", keys),
            "f.toml:3: unknown key 'z' in [a] (expected one of: x, y)");
}

}  // namespace
}  // namespace peninsula
