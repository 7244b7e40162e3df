/*
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 3.4): comparisons are made on the signed
 * difference so that they stay correct across wrap-around.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_SEQUENCE_H
#define HANDSHAKE_TCP_SEQUENCE_H

#include <cstdint>

namespace ns3
{
namespace handshake
{

/** Signed distance from \p b to \p a (a - b) in sequence space. */
inline int32_t
SeqDiff(uint32_t a, uint32_t b)
{
    return static_cast<int32_t>(a - b);
}

inline bool
SeqLt(uint32_t a, uint32_t b)
{
    return SeqDiff(a, b) < 0;
}

inline bool
SeqLeq(uint32_t a, uint32_t b)
{
    return SeqDiff(a, b) <= 0;
}

inline bool
SeqGt(uint32_t a, uint32_t b)
{
    return SeqDiff(a, b) > 0;
}

inline bool
SeqGeq(uint32_t a, uint32_t b)
{
    return SeqDiff(a, b) >= 0;
}

/** True when \p x lies in the half-open range [lo, lo + length). */
inline bool
SeqInWindow(uint32_t x, uint32_t lo, uint32_t length)
{
    return static_cast<uint32_t>(x - lo) < length;
}

/**
 * RFC 9293 3.10.7.4, the sequence check's table of four cases: whether a segment at \p seq that
 * occupies \p length sequence numbers (text, SYN and FIN) is acceptable to a receiver expecting
 * \p rcvNxt with a receive window of \p window. A segment at RCV.NXT always is: that covers both
 * zero-length cases and the "special allowance" for zero windows (its ACK and RST are processed
 * even when its text cannot be kept).
 */
inline bool
SegmentAcceptable(uint32_t seq, uint32_t length, uint32_t rcvNxt, uint32_t window)
{
    if (seq == rcvNxt)
    {
        return true;
    }
    if (length == 0)
    {
        return window > 0 && SeqInWindow(seq, rcvNxt, window);
    }
    if (window == 0)
    {
        return false;
    }
    return SeqInWindow(seq, rcvNxt, window) || SeqInWindow(seq + length - 1, rcvNxt, window);
}

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_SEQUENCE_H
