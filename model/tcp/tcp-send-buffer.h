/*
 * Send buffer of one connection: bytes the application queued that are not yet acknowledged,
 * both in flight and unsent, bounded by TcpConfig::sendBufferBytes (RFC 9293 3.10.2).
 * The connection maps sequence numbers onto offsets from the buffer's front.
 */
#ifndef HANDSHAKE_TCP_SEND_BUFFER_H
#define HANDSHAKE_TCP_SEND_BUFFER_H

#include <cstddef>
#include <cstdint>

#include "tcp-byte-queue.h"
#include <vector>

namespace ns3
{
namespace handshake
{

class TcpSendBuffer
{
  public:
    explicit TcpSendBuffer(size_t capacity);

    /** Queues up to Free() bytes; returns how many were taken. */
    size_t Append(const uint8_t* data, size_t length);
    /** Drops \p count acknowledged bytes from the front. */
    void Acknowledge(size_t count);
    /** Copies up to \p length bytes starting \p offset bytes after the front. */
    std::vector<uint8_t> Copy(size_t offset, size_t length) const;

    /** Grows the capacity to \p capacity; never shrinks it. */
    void Grow(size_t capacity);
    size_t Size() const;
    size_t Free() const;
    size_t Capacity() const;

  private:
    size_t m_capacity;
    TcpByteQueue m_bytes;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_SEND_BUFFER_H
