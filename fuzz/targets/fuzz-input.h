// The fuzzer's bytes, read front to back as small numbers. Reads past the end give zeros, so every
// input decodes to something and a shorter input is a prefix of a longer one's meaning.
// Used by the fuzz targets, which also build with g++ for the regression tests (no libFuzzer's
// FuzzedDataProvider there).
#ifndef HANDSHAKE_FUZZ_INPUT_H
#define HANDSHAKE_FUZZ_INPUT_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace handshake
{
namespace fuzz
{

class FuzzInput
{
  public:
    FuzzInput(const uint8_t* data, size_t size)
        : m_data(data),
          m_size(size)
    {
    }

    bool Empty() const
    {
        return m_pos >= m_size;
    }

    size_t Remaining() const
    {
        return Empty() ? 0 : m_size - m_pos;
    }

    uint8_t U8()
    {
        return Empty() ? 0 : m_data[m_pos++];
    }

    uint16_t U16()
    {
        uint16_t high = U8();
        return static_cast<uint16_t>(high << 8 | U8());
    }

    uint32_t U32()
    {
        uint32_t high = U16();
        return high << 16 | U16();
    }

    /** The bytes not read yet (the rest of the input), consumed. */
    const uint8_t* Rest(size_t& size)
    {
        size = Remaining();
        const uint8_t* rest = m_data + (m_size - size);
        m_pos = m_size;
        return rest;
    }

  private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos{0};
};

} // namespace fuzz
} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_FUZZ_INPUT_H
