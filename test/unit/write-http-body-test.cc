// WriteHttpBody: the body of GET /bytes/<size> as a file (handshake-emu --write-body), byte for
// byte what HttpBodyGenerator gives our HTTP apps.
#include "ns3/http-body-generator.h"
#include "ns3/write-http-body.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

TEST(WriteHttpBody, WritesTheGeneratorsBytesAcrossChunks)
{
    std::string path = testing::TempDir() + "write-http-body";
    // 64 KiB chunks: two whole ones and a part.
    const uint64_t size = 2 * 65536 + 100;
    ASSERT_TRUE(WriteHttpBody(path, size));
    std::string body = ReadFile(path);
    ASSERT_EQ(body.size(), size);
    std::vector<uint8_t> expected(size);
    HttpBodyGenerator("/bytes/" + std::to_string(size)).Fill(0, expected.data(), size);
    EXPECT_TRUE(std::equal(expected.begin(), expected.end(), body.begin()));

    ASSERT_TRUE(WriteHttpBody(path, 0));
    EXPECT_EQ(ReadFile(path), "") << "an empty body replaces the file";
    std::remove(path.c_str());
}

TEST(WriteHttpBody, FalseWhenTheFileCannotBeWritten)
{
    EXPECT_FALSE(WriteHttpBody("/nonexistent-folder/body", 10));
    EXPECT_FALSE(WriteHttpBody("/nonexistent-folder/body", 0));
}
