#include "http-body-generator.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace ns3
{

namespace
{

constexpr char g_alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr uint64_t g_alphabetSize = sizeof(g_alphabet) - 1;

/**
 * The 64-bit word of the body seeded with \p seed that holds bytes [8 block, 8 block + 8): the
 * splitmix64 finaliser, so that a shifted or truncated body differs from the expected one at once.
 * One word per eight bytes (it was one per byte: 7% of a 1,000-client run's instructions, issue
 * [bench]).
 */
inline uint64_t
BodyWord(uint64_t seed, uint64_t block)
{
    uint64_t z = seed + (block + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/** A word's byte value to a letter or digit: g_alphabet[value % 62], looked up. */
constexpr std::array<uint8_t, 256> g_printable = [] {
    std::array<uint8_t, 256> table{};
    for (size_t value = 0; value < table.size(); ++value)
    {
        table[value] = static_cast<uint8_t>(g_alphabet[value % g_alphabetSize]);
    }
    return table;
}();

/** Byte \p k (0-7) of a word as a letter or digit. */
inline uint8_t
WordByte(uint64_t word, uint64_t k)
{
    return g_printable[(word >> (8 * k)) & 0xFF];
}

/** Writes bytes [offset, offset + size) of the body seeded with \p seed into \p out. */
void
Generate(uint64_t seed, uint64_t offset, uint8_t* out, size_t size)
{
    size_t i = 0;
    while (i < size)
    {
        uint64_t at = offset + i;
        uint64_t word = BodyWord(seed, at / 8);
        if (at % 8 == 0 && size - i >= 8)
        {
            for (uint64_t k = 0; k < 8; ++k)
            {
                out[i + k] = WordByte(word, k);
            }
            i += 8;
            continue;
        }
        for (uint64_t k = at % 8; k < 8 && i < size; ++k, ++i)
        {
            out[i] = WordByte(word, k);
        }
    }
}

/**
 * The bodies' first bytes, one slot per recent seed (direct-mapped: a path takes the slot its seed
 * picks, evicting the one there). A slot grows on demand, doubling, up to PREFIX_BYTES. At most
 * 16 x 64 KiB. Per thread: ns-3 runs a simulation on one thread, tests may run several.
 */
struct PrefixSlot
{
    uint64_t seed{0};
    bool used{false};
    std::vector<uint8_t> bytes;
};

constexpr size_t g_prefixSlots = 16;
thread_local std::array<PrefixSlot, g_prefixSlots> g_prefixes;

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
    return WordByte(BodyWord(m_seed, offset / 8), offset % 8);
}

const uint8_t*
HttpBodyGenerator::Prefix(uint64_t end) const
{
    if (end > PREFIX_BYTES)
    {
        return nullptr;
    }
    PrefixSlot& slot = g_prefixes[(m_seed ^ (m_seed >> 32)) % g_prefixSlots];
    if (!slot.used || slot.seed != m_seed)
    {
        slot.used = true;
        slot.seed = m_seed;
        slot.bytes.clear();
    }
    if (slot.bytes.size() < end)
    {
        const size_t from = slot.bytes.size();
        const size_t to = std::min<uint64_t>(PREFIX_BYTES, std::max<uint64_t>(end, 2 * from));
        slot.bytes.resize(to);
        Generate(m_seed, from, slot.bytes.data() + from, to - from);
    }
    return slot.bytes.data();
}

void
HttpBodyGenerator::Fill(uint64_t offset, uint8_t* out, size_t size) const
{
    if (const uint8_t* prefix = Prefix(offset + size))
    {
        std::memcpy(out, prefix + offset, size);
        return;
    }
    Generate(m_seed, offset, out, size);
}

size_t
HttpBodyGenerator::FirstMismatch(uint64_t offset, const uint8_t* data, size_t size) const
{
    if (const uint8_t* prefix = Prefix(offset + size))
    {
        if (std::memcmp(prefix + offset, data, size) == 0)
        {
            return size;
        }
        return std::mismatch(data, data + size, prefix + offset).first - data;
    }
    size_t i = 0;
    while (i < size)
    {
        uint64_t at = offset + i;
        uint64_t word = BodyWord(m_seed, at / 8);
        if (at % 8 == 0 && size - i >= 8)
        {
            uint8_t expected[8];
            for (uint64_t k = 0; k < 8; ++k)
            {
                expected[k] = WordByte(word, k);
            }
            if (std::memcmp(expected, data + i, 8) == 0)
            {
                i += 8;
                continue;
            }
        }
        for (uint64_t k = at % 8; k < 8 && i < size; ++k, ++i)
        {
            if (data[i] != WordByte(word, k))
            {
                return i;
            }
        }
    }
    return size;
}

} // namespace ns3
