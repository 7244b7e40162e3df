/*
 * Receive buffer of one connection with out-of-order reassembly (RFC 9293 3.10.7.4, seventh step).
 * Positions are 64-bit stream offsets, so wrap-around of sequence numbers is the connection's
 * concern. Bytes are delivered once, in order; overlapping and duplicate pieces are merged.
 * In-order unread bytes plus the window never exceed the capacity (TcpConfig::receiveBufferBytes).
 */
#ifndef HANDSHAKE_TCP_RECEIVE_BUFFER_H
#define HANDSHAKE_TCP_RECEIVE_BUFFER_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "tcp-byte-queue.h"

namespace ns3
{
namespace handshake
{

class TcpReceiveBuffer
{
  public:
    explicit TcpReceiveBuffer(size_t capacity);

    /**
     * Stores bytes at stream \p offset, clipped to [NextOffset(), NextOffset() + Window()).
     * Returns how many bytes became readable in order because of this call.
     */
    size_t Insert(uint64_t offset, const uint8_t* data, size_t length);
    /** Copies up to \p maxLength in-order bytes out and frees their space. */
    size_t Read(uint8_t* buffer, size_t maxLength);

    /** Grows the capacity to \p capacity (never shrinks it: the window must not, RFC 9293 3.8.6). */
    void Grow(size_t capacity);
    size_t Capacity() const { return m_capacity; }
    /** Stream offset of the next byte expected in order (RCV.NXT as an offset). */
    uint64_t NextOffset() const;
    size_t Readable() const;
    /** Space the peer may still fill: capacity minus unread in-order bytes. */
    size_t Window() const;
    bool HasOutOfOrder() const;
    /** The out-of-order piece holding stream \p offset, as [start, end); nothing if none. */
    std::optional<std::pair<uint64_t, uint64_t>> OutOfOrderRange(uint64_t offset) const;
    /** Bytes held out of order (for tests). */
    size_t OutOfOrderBytes() const;

  private:
    void StoreOutOfOrder(uint64_t offset, const uint8_t* data, size_t length);
    size_t PullInOrder();

    size_t m_capacity;
    uint64_t m_next{0};
    TcpByteQueue m_ready;
    std::map<uint64_t, std::vector<uint8_t>> m_outOfOrder; //!< disjoint, non-adjacent pieces
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RECEIVE_BUFFER_H
