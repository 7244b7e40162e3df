#include "tcp-send-buffer.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

TcpSendBuffer::TcpSendBuffer(size_t capacity)
    : m_capacity(capacity)
{
}

size_t
TcpSendBuffer::Append(const uint8_t* data, size_t length)
{
    size_t taken = std::min(length, Free());
    m_bytes.Append(data, taken);
    return taken;
}

void
TcpSendBuffer::Acknowledge(size_t count)
{
    m_bytes.Consume(count);
}

std::vector<uint8_t>
TcpSendBuffer::Copy(size_t offset, size_t length) const
{
    if (offset >= m_bytes.Size())
    {
        return {};
    }
    std::vector<uint8_t> bytes(std::min(length, m_bytes.Size() - offset));
    m_bytes.CopyOut(offset, bytes.data(), bytes.size());
    return bytes;
}

void
TcpSendBuffer::Grow(size_t capacity)
{
    m_capacity = std::max(m_capacity, capacity);
}

size_t
TcpSendBuffer::Size() const
{
    return m_bytes.Size();
}

size_t
TcpSendBuffer::Free() const
{
    return m_capacity > m_bytes.Size() ? m_capacity - m_bytes.Size() : 0;
}

size_t
TcpSendBuffer::Capacity() const
{
    return m_capacity;
}

} // namespace handshake
} // namespace ns3
