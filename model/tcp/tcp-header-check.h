/*
 * The receive side's rules for a TCP header's layout, on its raw bytes (RFC 9293 3.1): the data
 * offset, and the length of every option we parse. A header that breaks one is dropped before
 * anything reads it (MUST-7: "be prepared to handle an illegal option length ... without
 * crashing"). The ns-3 adapter deserializes with ns3::TcpHeader only what passes here: ns-3
 * 3.37's TcpOption classes abort, loop or misparse on such bytes (doc/fuzzing.rst). Plain C++.
 */
#ifndef HANDSHAKE_TCP_HEADER_CHECK_H
#define HANDSHAKE_TCP_HEADER_CHECK_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace handshake
{

class TcpHeaderCheck
{
  public:
    /** Option kinds (RFC 9293 3.1, RFC 7323, RFC 2018), as on the wire. */
    enum OptionKind : uint8_t
    {
        END = 0,
        NOP = 1,
        MSS = 2,
        WINDOW_SCALE = 3,
        SACK_PERMITTED = 4,
        SACK = 5,
        TIMESTAMPS = 8,
    };

    /** The fewest bytes that hold any header: 60 (data offset 15). */
    static constexpr size_t MAX_HEADER_BYTES = 60;

    /**
     * The header length the data offset of \p bytes gives, when the header is well formed: at
     * least 20 bytes, no longer than \p size, and each option of a legal length up to END.
     * 0 when not. \p bytes holds the first min(\p size, MAX_HEADER_BYTES) bytes of the segment.
     */
    static uint32_t WellFormedLength(const uint8_t* bytes, size_t size);

    /** True when an option of \p kind may have \p length bytes (kind and length included). */
    static bool LegalOptionLength(uint8_t kind, uint8_t length);
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_HEADER_CHECK_H
