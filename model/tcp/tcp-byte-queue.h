/*
 * A FIFO of bytes in one contiguous ring: appended at the back, consumed from the front, copied
 * out from any offset by at most two memcpy. It holds no memory while empty. The send and receive
 * buffers were std::deque<uint8_t>, which keeps 576 bytes even when empty (two per connection end,
 * kept through TIME_WAIT) and copies byte by byte (issue [bench]).
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_BYTE_QUEUE_H
#define HANDSHAKE_TCP_BYTE_QUEUE_H

#include <cstddef>
#include <cstdint>
#include <memory>

namespace ns3
{
namespace handshake
{

class TcpByteQueue
{
  public:
    TcpByteQueue() = default;

    size_t Size() const { return m_size; }
    bool Empty() const { return m_size == 0; }
    /** Bytes of storage held (0 while empty). */
    size_t StorageBytes() const { return m_capacity; }

    void Append(const uint8_t* data, size_t length);
    /** Drops \p count bytes (at most Size()) from the front; the storage goes once empty. */
    void Consume(size_t count);
    /** Copies \p length bytes starting \p offset bytes after the front; offset + length must not
     *  exceed Size(). */
    void CopyOut(size_t offset, uint8_t* out, size_t length) const;

  private:
    /** Moves the bytes into storage of at least \p capacity bytes, front first. */
    void Reallocate(size_t capacity);

    std::unique_ptr<uint8_t[]> m_storage;
    size_t m_capacity{0};
    size_t m_head{0}; //!< index of the front byte in m_storage
    size_t m_size{0};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_BYTE_QUEUE_H
