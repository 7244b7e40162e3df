#include "http-body-generator.h"

namespace ns3
{

namespace
{

constexpr char g_alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr uint64_t g_alphabetSize = sizeof(g_alphabet) - 1;

/**
 * Byte \p offset of the body seeded with \p seed: the splitmix64 finaliser, so that a shifted or
 * truncated body differs from the expected one at once. Internal so that Fill and FirstMismatch
 * inline it (a call to the exported ByteAt goes through the PLT in a shared library, one call per
 * byte: 2.8% of a 5,000-client run's profile).
 */
inline uint8_t
BodyByte(uint64_t seed, uint64_t offset)
{
    uint64_t z = seed + (offset + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<uint8_t>(g_alphabet[z % g_alphabetSize]);
}

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
    return BodyByte(m_seed, offset);
}

void
HttpBodyGenerator::Fill(uint64_t offset, uint8_t* out, size_t size) const
{
    for (size_t i = 0; i < size; ++i)
    {
        out[i] = BodyByte(m_seed, offset + i);
    }
}

size_t
HttpBodyGenerator::FirstMismatch(uint64_t offset, const uint8_t* data, size_t size) const
{
    for (size_t i = 0; i < size; ++i)
    {
        if (data[i] != BodyByte(m_seed, offset + i))
        {
            return i;
        }
    }
    return size;
}

} // namespace ns3
