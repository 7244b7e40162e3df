#include "http-body-generator.h"

namespace ns3
{

namespace
{

constexpr char g_alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr uint64_t g_alphabetSize = sizeof(g_alphabet) - 1;

} // namespace

HttpBodyGenerator::HttpBodyGenerator(const std::string& path)
    : m_seed(1469598103934665603ULL) // FNV-1a offset basis
{
    for (unsigned char c : path)
    {
        m_seed = (m_seed ^ c) * 1099511628211ULL;
    }
}

uint8_t
HttpBodyGenerator::ByteAt(uint64_t offset) const
{
    // splitmix64 finaliser: a shifted or truncated body differs from the expected one at once.
    uint64_t z = m_seed + (offset + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<uint8_t>(g_alphabet[z % g_alphabetSize]);
}

void
HttpBodyGenerator::Fill(uint64_t offset, uint8_t* out, size_t size) const
{
    for (size_t i = 0; i < size; ++i)
    {
        out[i] = ByteAt(offset + i);
    }
}

size_t
HttpBodyGenerator::FirstMismatch(uint64_t offset, const uint8_t* data, size_t size) const
{
    for (size_t i = 0; i < size; ++i)
    {
        if (data[i] != ByteAt(offset + i))
        {
            return i;
        }
    }
    return size;
}

} // namespace ns3
