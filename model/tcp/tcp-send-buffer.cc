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
    m_bytes.insert(m_bytes.end(), data, data + taken);
    return taken;
}

void
TcpSendBuffer::Acknowledge(size_t count)
{
    count = std::min(count, m_bytes.size());
    m_bytes.erase(m_bytes.begin(), m_bytes.begin() + count);
}

std::vector<uint8_t>
TcpSendBuffer::Copy(size_t offset, size_t length) const
{
    if (offset >= m_bytes.size())
    {
        return {};
    }
    length = std::min(length, m_bytes.size() - offset);
    auto first = m_bytes.begin() + offset;
    return std::vector<uint8_t>(first, first + length);
}

void
TcpSendBuffer::Grow(size_t capacity)
{
    m_capacity = std::max(m_capacity, capacity);
}

size_t
TcpSendBuffer::Size() const
{
    return m_bytes.size();
}

size_t
TcpSendBuffer::Free() const
{
    return m_capacity > m_bytes.size() ? m_capacity - m_bytes.size() : 0;
}

size_t
TcpSendBuffer::Capacity() const
{
    return m_capacity;
}

} // namespace handshake
} // namespace ns3
