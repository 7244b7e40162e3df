// ConfigFile: a --config file is read only when it is a bounded regular text file (issue 23).
#include "ns3/config-file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace ns3;

namespace
{

std::string
Write(const std::string& name, const std::string& text)
{
    std::string path = testing::TempDir() + "config-file-test-" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

} // namespace

TEST(ConfigFile, ReadsATextFile)
{
    std::string text;
    EXPECT_EQ(ConfigFile::Read(Write("good.conf", "clients = 3\n# 注释\n"), text), "");
    EXPECT_EQ(text, "clients = 3\n# 注释\n");
}

TEST(ConfigFile, RejectsWhatIsNotARegularFile)
{
    std::string text;
    EXPECT_EQ(ConfigFile::Read("/dev/zero", text), "'/dev/zero' is not a regular file");
    std::string dir = testing::TempDir() + "config-file-test-dir";
    std::filesystem::create_directories(dir);
    EXPECT_EQ(ConfigFile::Read(dir, text), "'" + dir + "' is not a regular file (a directory)");
    EXPECT_EQ(ConfigFile::Read(dir + "/missing", text),
              "cannot read '" + dir + "/missing': No such file or directory");
    EXPECT_EQ(ConfigFile::Read("", text), "cannot read '': No such file or directory");
}

TEST(ConfigFile, RejectsAFileLargerThanTheBound)
{
    std::string text;
    EXPECT_EQ(ConfigFile::Read(Write("limit.conf", std::string(ConfigFile::MAX_BYTES, '#')), text), "");
    std::string path = Write("large.conf", std::string(ConfigFile::MAX_BYTES + 1, '#'));
    EXPECT_EQ(ConfigFile::Read(path, text), "'" + path + "' is larger than 1 MiB: not a config file");
    EXPECT_TRUE(text.empty());
}

TEST(ConfigFile, NamesTheLineThatIsNotTextAndEscapesIt)
{
    std::string text;
    std::string path = Write("binary.conf", std::string("clients = 3\nloss\x1b[31m = \x01\x7f\xff\n", 28));
    EXPECT_EQ(ConfigFile::Read(path, text),
              path + ":2: not text (binary or control characters): loss\\x1B[31m = \\x01\\x7F\\xFF");
}
