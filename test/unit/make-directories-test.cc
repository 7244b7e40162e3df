// MakeDirectories: mkdir -p for --out (HandshakeScenario, handshake-emu).
#include "ns3/make-directories.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace ns3;

namespace
{

bool
IsDirectory(const std::string& path)
{
    struct stat info;
    return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

} // namespace

TEST(MakeDirectories, CreatesWhatIsMissingAndKeepsWhatExists)
{
    char base[] = "/tmp/handshake-make-directories-XXXXXX";
    ASSERT_NE(mkdtemp(base), nullptr);
    std::string root = base;
    EXPECT_TRUE(MakeDirectories(root + "/a/b//c/"));
    EXPECT_TRUE(IsDirectory(root + "/a/b/c"));
    EXPECT_TRUE(MakeDirectories(root + "/a/b")) << "existing folders are fine";
    std::ofstream(root + "/file") << "x";
    errno = 0;
    EXPECT_FALSE(MakeDirectories(root + "/file/d"));
    EXPECT_EQ(errno, ENOTDIR);
    EXPECT_EQ(std::system(("rm -rf " + root).c_str()), 0);
}
