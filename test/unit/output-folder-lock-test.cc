// OutputFolderLock: one run per --out folder (issue 23: two runs into one folder mixed their results).
#include "ns3/output-folder-lock.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace ns3;

namespace
{

std::string
FreshFolder(const std::string& name)
{
    std::string dir = testing::TempDir() + "output-folder-lock-" + std::to_string(getpid()) + "-" + name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace

TEST(OutputFolderLock, ASecondHolderIsRefusedAndToldWhoHoldsIt)
{
    std::string dir = FreshFolder("second");
    OutputFolderLock first;
    ASSERT_EQ(first.Acquire(dir, "run-a"), "");
    OutputFolderLock second;
    std::string error = second.Acquire(dir, "run-b");
    EXPECT_EQ(error.rfind(dir + " is in use by another run (run-a, pid " + std::to_string(getpid()) + " on ", 0), 0u)
        << error;
    EXPECT_NE(error.find(" since 20"), std::string::npos) << error;
}

TEST(OutputFolderLock, TheLockEndsWithItsHolder)
{
    std::string dir = FreshFolder("ends");
    {
        OutputFolderLock first;
        ASSERT_EQ(first.Acquire(dir, "run-a"), "");
    }
    OutputFolderLock second;
    EXPECT_EQ(second.Acquire(dir, "run-b"), "");
    // A holder that dies without cleaning up (kill -9) frees it too: the kernel drops a flock when
    // its last descriptor closes, here at the child's exit.
    std::string other = FreshFolder("killed");
    pid_t child = fork();
    if (child == 0)
    {
        OutputFolderLock held;
        _exit(held.Acquire(other, "child").empty() ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    OutputFolderLock after;
    EXPECT_EQ(after.Acquire(other, "run-c"), "");
}

TEST(OutputFolderLock, AFolderThatCannotHoldTheLockIsAnError)
{
    OutputFolderLock lock;
    std::string error = lock.Acquire(testing::TempDir() + "output-folder-lock-missing/deeper", "run");
    EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
}
