#include "tcp-receive-buffer.h"

#include <algorithm>
#include <iterator>

namespace ns3
{
namespace handshake
{

TcpReceiveBuffer::TcpReceiveBuffer(size_t capacity)
    : m_capacity(capacity)
{
}

size_t
TcpReceiveBuffer::Insert(uint64_t offset, const uint8_t* data, size_t length)
{
    uint64_t end = offset + length;
    uint64_t limit = m_next + Window();
    // Clip to what we have room for; bytes before m_next were delivered already.
    if (offset < m_next)
    {
        if (end <= m_next)
        {
            return 0;
        }
        data += m_next - offset;
        offset = m_next;
    }
    end = std::min(end, limit);
    if (end <= offset)
    {
        return 0;
    }
    if (offset == m_next && m_outOfOrder.empty())
    {
        // In order with no hole behind it, the usual case: straight to the readable bytes.
        m_ready.Append(data, end - offset);
        m_next = end;
        return end - offset;
    }
    StoreOutOfOrder(offset, data, end - offset);
    return PullInOrder();
}

void
TcpReceiveBuffer::StoreOutOfOrder(uint64_t offset, const uint8_t* data, size_t length)
{
    uint64_t start = offset;
    uint64_t end = offset + length;
    // Find every stored piece that overlaps or touches [start, end) and merge them into one.
    auto it = m_outOfOrder.upper_bound(start);
    if (it != m_outOfOrder.begin())
    {
        auto before = std::prev(it);
        if (before->first + before->second.size() >= start)
        {
            it = before;
        }
    }
    uint64_t mergedStart = start;
    uint64_t mergedEnd = end;
    std::vector<std::pair<uint64_t, std::vector<uint8_t>>> pieces;
    while (it != m_outOfOrder.end() && it->first <= end)
    {
        mergedStart = std::min(mergedStart, it->first);
        mergedEnd = std::max<uint64_t>(mergedEnd, it->first + it->second.size());
        pieces.emplace_back(it->first, std::move(it->second));
        it = m_outOfOrder.erase(it);
    }
    std::vector<uint8_t> merged(mergedEnd - mergedStart);
    for (const auto& piece : pieces)
    {
        std::copy(piece.second.begin(),
                  piece.second.end(),
                  merged.begin() + (piece.first - mergedStart));
    }
    std::copy(data, data + length, merged.begin() + (start - mergedStart));
    m_outOfOrder.emplace(mergedStart, std::move(merged));
}

size_t
TcpReceiveBuffer::PullInOrder()
{
    auto it = m_outOfOrder.begin();
    if (it == m_outOfOrder.end() || it->first != m_next)
    {
        return 0;
    }
    size_t count = it->second.size();
    m_ready.Append(it->second.data(), count);
    m_next += count;
    m_outOfOrder.erase(it);
    return count;
}

size_t
TcpReceiveBuffer::Read(uint8_t* buffer, size_t maxLength)
{
    size_t count = std::min(maxLength, m_ready.Size());
    m_ready.CopyOut(0, buffer, count);
    m_ready.Consume(count);
    return count;
}

void
TcpReceiveBuffer::Grow(size_t capacity)
{
    m_capacity = std::max(m_capacity, capacity);
}

uint64_t
TcpReceiveBuffer::NextOffset() const
{
    return m_next;
}

size_t
TcpReceiveBuffer::Readable() const
{
    return m_ready.Size();
}

size_t
TcpReceiveBuffer::Window() const
{
    return m_capacity > m_ready.Size() ? m_capacity - m_ready.Size() : 0;
}

bool
TcpReceiveBuffer::HasOutOfOrder() const
{
    return !m_outOfOrder.empty();
}

std::optional<std::pair<uint64_t, uint64_t>>
TcpReceiveBuffer::OutOfOrderRange(uint64_t offset) const
{
    auto it = m_outOfOrder.upper_bound(offset);
    if (it == m_outOfOrder.begin())
    {
        return std::nullopt;
    }
    --it;
    uint64_t end = it->first + it->second.size();
    if (offset >= end)
    {
        return std::nullopt;
    }
    return std::make_pair(it->first, end);
}

size_t
TcpReceiveBuffer::OutOfOrderBytes() const
{
    size_t total = 0;
    for (const auto& piece : m_outOfOrder)
    {
        total += piece.second.size();
    }
    return total;
}

} // namespace handshake
} // namespace ns3
