#include "tcp-byte-queue.h"

#include <algorithm>
#include <cstring>

namespace ns3
{
namespace handshake
{

namespace
{
/** The first storage a queue takes: a full-sized segment and some. */
constexpr size_t FIRST_CAPACITY = 2048;
} // namespace

void
TcpByteQueue::Append(const uint8_t* data, size_t length)
{
    if (length == 0)
    {
        return;
    }
    if (m_size + length > m_capacity)
    {
        Reallocate(std::max({m_size + length, 2 * m_capacity, FIRST_CAPACITY}));
    }
    size_t tail = m_head + m_size;
    if (tail >= m_capacity)
    {
        tail -= m_capacity;
    }
    size_t first = std::min(length, m_capacity - tail);
    std::memcpy(m_storage.get() + tail, data, first);
    std::memcpy(m_storage.get(), data + first, length - first);
    m_size += length;
}

void
TcpByteQueue::Consume(size_t count)
{
    count = std::min(count, m_size);
    m_size -= count;
    if (m_size == 0)
    {
        m_storage.reset();
        m_capacity = m_head = 0;
        return;
    }
    m_head += count;
    if (m_head >= m_capacity)
    {
        m_head -= m_capacity;
    }
}

void
TcpByteQueue::CopyOut(size_t offset, uint8_t* out, size_t length) const
{
    if (length == 0)
    {
        return;
    }
    size_t start = m_head + offset;
    if (start >= m_capacity)
    {
        start -= m_capacity;
    }
    size_t first = std::min(length, m_capacity - start);
    std::memcpy(out, m_storage.get() + start, first);
    std::memcpy(out + first, m_storage.get(), length - first);
}

void
TcpByteQueue::Reallocate(size_t capacity)
{
    std::unique_ptr<uint8_t[]> storage(new uint8_t[capacity]);
    CopyOut(0, storage.get(), m_size);
    m_storage = std::move(storage);
    m_capacity = capacity;
    m_head = 0;
}

} // namespace handshake
} // namespace ns3
