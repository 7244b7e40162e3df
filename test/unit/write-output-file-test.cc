// WriteOutputFile: an output is complete under its name or not there at all.
#include "ns3/write-output-file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace ns3;

TEST(WriteOutputFile, WritesThroughPartialAndRenames)
{
    std::string path = testing::TempDir() + "write-output-file.txt";
    EXPECT_EQ(WriteOutputFile(path, "summary\n"), "");
    std::ostringstream content;
    content << std::ifstream(path).rdbuf();
    EXPECT_EQ(content.str(), "summary\n");
    EXPECT_FALSE(std::ifstream(path + ".partial").good());
}

TEST(WriteOutputFile, AFailureSaysWhyAndLeavesNothing)
{
    std::string path = "/nonexistent-folder/summary.txt";
    EXPECT_EQ(WriteOutputFile(path, "x"), "cannot write " + path + ".partial: No such file or directory");
    EXPECT_FALSE(std::ifstream(path).good());
}
