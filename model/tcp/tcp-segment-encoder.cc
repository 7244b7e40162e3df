#include "tcp-segment-encoder.h"

#include "tcp-checksum.h"
#include "tcp-header-check.h"

namespace ns3
{
namespace handshake
{
namespace
{

void
Write16(uint8_t* at, uint16_t value)
{
    at[0] = static_cast<uint8_t>(value >> 8);
    at[1] = static_cast<uint8_t>(value);
}

void
Write32(uint8_t* at, uint32_t value)
{
    Write16(at, static_cast<uint16_t>(value >> 16));
    Write16(at + 2, static_cast<uint16_t>(value));
}

/** The options area: each option is appended only when it fits in the 40 bytes (RFC 9293 3.1). */
class Options
{
  public:
    explicit Options(uint8_t* area)
        : m_area(area)
    {
    }

    /** Room for \p size more bytes; nothing is written otherwise, as ns-3's AppendOption does. */
    uint8_t* Append(uint32_t size)
    {
        if (m_length + size > MAX_BYTES)
        {
            return nullptr;
        }
        uint8_t* at = m_area + m_length;
        m_length += size;
        return at;
    }

    void Nops(uint32_t count)
    {
        for (uint32_t i = 0; i < count; ++i)
        {
            if (uint8_t* at = Append(1))
            {
                at[0] = TcpHeaderCheck::NOP;
            }
        }
    }

    /** The length padded to 32-bit words with End of Option List (RFC 9293 3.2). */
    uint32_t Padded()
    {
        while (m_length % 4 != 0)
        {
            m_area[m_length++] = TcpHeaderCheck::END;
        }
        return m_length;
    }

  private:
    /** What the largest data offset leaves after the 20 fixed bytes. */
    static constexpr uint32_t MAX_BYTES = TcpHeaderCheck::MAX_HEADER_BYTES - 20;
    uint8_t* m_area;
    uint32_t m_length{0};
};

} // namespace

uint32_t
TcpSegmentEncoder::EncodeHeader(const TcpSegment& segment,
                                uint32_t source,
                                uint32_t destination,
                                uint8_t* header)
{
    Options options(header + 20);
    if (segment.mss)
    {
        if (uint8_t* at = options.Append(4)) // RFC 9293 3.2
        {
            at[0] = TcpHeaderCheck::MSS;
            at[1] = 4;
            Write16(at + 2, *segment.mss);
        }
    }
    auto sackPermitted = [&options]() {
        if (uint8_t* at = options.Append(2)) // RFC 2018 2
        {
            at[0] = TcpHeaderCheck::SACK_PERMITTED;
            at[1] = 2;
        }
    };
    if (segment.timestamp)
    {
        if (segment.sackPermitted)
        {
            sackPermitted();
        }
        else
        {
            options.Nops(2);
        }
        if (uint8_t* at = options.Append(10)) // RFC 7323 3.2
        {
            at[0] = TcpHeaderCheck::TIMESTAMPS;
            at[1] = 10;
            Write32(at + 2, segment.timestamp->value);
            Write32(at + 6, segment.timestamp->echo);
        }
    }
    else if (segment.sackPermitted)
    {
        options.Nops(2);
        sackPermitted();
    }
    if (segment.windowScale)
    {
        options.Nops(1);
        if (uint8_t* at = options.Append(3)) // RFC 7323 2.2
        {
            at[0] = TcpHeaderCheck::WINDOW_SCALE;
            at[1] = 3;
            at[2] = *segment.windowScale;
        }
    }
    if (!segment.sack.empty())
    {
        options.Nops(2);
        const uint32_t size = 2 + 8 * static_cast<uint32_t>(segment.sack.size());
        if (uint8_t* at = options.Append(size)) // RFC 2018 3
        {
            at[0] = TcpHeaderCheck::SACK;
            at[1] = static_cast<uint8_t>(size);
            for (size_t b = 0; b < segment.sack.size(); ++b)
            {
                Write32(at + 2 + 8 * b, segment.sack[b].left);
                Write32(at + 6 + 8 * b, segment.sack[b].right);
            }
        }
    }
    const uint32_t length = 20 + options.Padded();
    // RFC 9293 3.1: the fixed part.
    Write16(header, segment.sourcePort);
    Write16(header + 2, segment.destinationPort);
    Write32(header + 4, segment.seq);
    Write32(header + 8, segment.ack);
    header[12] = static_cast<uint8_t>(length / 4 << 4); // Data Offset; reserved bits zero
    header[13] = segment.flags;
    Write16(header + 14, segment.window);
    Write16(header + 16, 0); // the checksum, summed as zero
    Write16(header + 18, 0); // Urgent Pointer: we never send URG data
    Write16(header + 16,
            TcpChecksum::Compute(header,
                                 length,
                                 segment.payload.data(),
                                 segment.payload.size(),
                                 source,
                                 destination));
    return length;
}

} // namespace handshake
} // namespace ns3
