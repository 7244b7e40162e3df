#include "rank-records.h"

#include <cstring>
#include <optional>
#include <type_traits>

namespace ns3
{

namespace
{

/** Values go as their bytes: both ends are one binary of one MPI job (the same platform). */
class Writer
{
  public:
    template <typename T>
    void Field(const T& value)
    {
        static_assert(std::is_arithmetic_v<T>);
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        m_out.append(bytes, sizeof(T));
    }

    void Field(const bool& value)
    {
        Field(uint8_t(value));
    }

    void Field(const std::string& text)
    {
        Field(uint64_t(text.size()));
        m_out += text;
    }

    void Field(const RecordTime& time)
    {
        Field(time.has_value());
        Field(time.value_or(0));
    }

    /** A count, then each item's fields (\p fields: Writer&, const Item&). */
    template <typename Item, typename Fields>
    void List(const std::vector<Item>& items, Fields fields)
    {
        Field(uint64_t(items.size()));
        for (const Item& item : items)
        {
            fields(*this, item);
        }
    }

    std::string Take()
    {
        return std::move(m_out);
    }

  private:
    std::string m_out;
};

/** Reads what Writer wrote; anything cut short or out of bounds clears Ok() and reads zeros. */
class Reader
{
  public:
    explicit Reader(const std::string& in)
        : m_in(in)
    {
    }

    template <typename T>
    void Field(T& value)
    {
        static_assert(std::is_arithmetic_v<T>);
        value = T{};
        if (m_ok && m_in.size() - m_at >= sizeof(T))
        {
            std::memcpy(&value, m_in.data() + m_at, sizeof(T));
            m_at += sizeof(T);
        }
        else
        {
            m_ok = false;
        }
    }

    void Field(bool& value)
    {
        uint8_t byte = 0;
        Field(byte);
        value = byte != 0;
    }

    void Field(std::string& text)
    {
        uint64_t size = 0;
        Field(size);
        text.clear();
        if (!m_ok || m_in.size() - m_at < size)
        {
            m_ok = false;
            return;
        }
        text = m_in.substr(m_at, size);
        m_at += size;
    }

    void Field(RecordTime& time)
    {
        bool set = false;
        double value = 0;
        Field(set);
        Field(value);
        time = set ? RecordTime(value) : std::nullopt;
    }

    /** A count (each item takes at least one byte: more than the bytes left is corrupt), then
     *  each item's fields (\p fields: Reader&, Item&). */
    template <typename Item, typename Fields>
    void List(std::vector<Item>& items, Fields fields)
    {
        uint64_t count = 0;
        Field(count);
        if (count > m_in.size() - m_at)
        {
            m_ok = false;
        }
        items.clear();
        for (uint64_t i = 0; i < count && m_ok; ++i)
        {
            items.emplace_back();
            fields(*this, items.back());
        }
    }

    bool Ok() const
    {
        return m_ok;
    }

    bool AtEnd() const
    {
        return m_at == m_in.size();
    }

  private:
    const std::string& m_in;
    size_t m_at{0};
    bool m_ok{true};
};

// One list of fields per record, for writing (Archive Writer, a const record) and reading (Reader)
// alike, so that the two cannot drift apart.

template <typename Archive, typename Connection>
void
ConnectionFields(Archive& a, Connection& c)
{
    a.Field(c.id);
    a.Field(c.clientAddress);
    a.Field(c.clientPort);
    a.Field(c.serverAddress);
    a.Field(c.serverPort);
    a.Field(c.synSent);
    a.Field(c.established);
    a.Field(c.finSent);
    a.Field(c.finReceived);
    a.Field(c.timeWaitEntered);
    a.Field(c.closed);
    a.Field(c.serverFinSent);
    a.Field(c.serverTimeWaitEntered);
    a.Field(c.serverClosed);
    a.Field(c.finalState);
    a.Field(c.retransmissions);
    a.Field(c.serverRetransmissions);
    a.Field(c.outcome);
    a.Field(c.stateSource);
    a.Field(c.serverStateSource);
    a.Field(c.openAtEnd);
}

template <typename Archive, typename Transaction>
void
TransactionFields(Archive& a, Transaction& t)
{
    a.Field(t.id);
    a.Field(t.connectionId);
    a.Field(t.clientAddress);
    a.Field(t.method);
    a.Field(t.path);
    a.Field(t.status);
    a.Field(t.bytes);
    a.Field(t.connectCalled);
    a.Field(t.established);
    a.Field(t.requestSent);
    a.Field(t.firstByte);
    a.Field(t.lastByte);
    a.Field(t.closed);
    a.Field(t.dnsStart);
    a.Field(t.dnsEnd);
    a.Field(t.outcome);
    a.Field(t.attempts);
    a.Field(t.firstConnectionId);
    a.Field(t.dnsCached);
}

template <typename Archive, typename Segment>
void
SegmentFields(Archive& a, Segment& s)
{
    a.Field(s.connectionId);
    a.Field(s.time);
    a.Field(s.direction);
    a.Field(s.flags);
    a.Field(s.seq);
    a.Field(s.ack);
    a.Field(s.length);
    a.Field(s.stateBefore);
    a.Field(s.stateAfter);
    a.Field(s.stateSource);
}

template <typename Archive, typename State>
void
StateFields(Archive& a, State& s)
{
    a.Field(s.connectionId);
    a.Field(s.side);
    a.Field(s.time);
    a.Field(s.from);
    a.Field(s.to);
    a.Field(s.source);
}

template <typename Archive, typename Drop>
void
DropFields(Archive& a, Drop& d)
{
    a.Field(d.connectionId);
    a.Field(d.time);
    a.Field(d.direction);
    a.Field(d.rule);
    a.Field(d.flags);
    a.Field(d.seq);
    a.Field(d.ack);
    a.Field(d.length);
}

template <typename Archive, typename Records>
void
RecordsFields(Archive& a, Records& r)
{
    a.List(r.connections, [](auto& archive, auto& c) {
        ConnectionFields(archive, c.record);
        archive.Field(c.iss);
        archive.Field(c.serverSideOnly);
    });
    a.List(r.transactions, [](auto& archive, auto& t) { TransactionFields(archive, t); });
    a.List(r.transactionTimes, [](auto& archive, auto& time) { archive.Field(time); });
    a.List(r.segments, [](auto& archive, auto& s) { SegmentFields(archive, s); });
    a.List(r.states, [](auto& archive, auto& s) { StateFields(archive, s); });
    a.List(r.drops, [](auto& archive, auto& d) { DropFields(archive, d); });
    a.List(r.dropClients, [](auto& archive, auto& client) {
        archive.Field(client.address);
        archive.Field(client.port);
    });
    a.Field(r.timeWaitAtEnd);
}

} // namespace

std::string
RankRecords::Encode() const
{
    Writer w;
    RecordsFields(w, *this);
    return w.Take();
}

bool
RankRecords::Decode(const std::string& bytes, RankRecords* records, std::string* error)
{
    Reader r(bytes);
    RankRecords decoded;
    RecordsFields(r, decoded);
    if (!r.Ok() || !r.AtEnd() || decoded.transactionTimes.size() != decoded.transactions.size() ||
        (!decoded.dropClients.empty() && decoded.dropClients.size() != decoded.drops.size()))
    {
        if (error)
        {
            *error = "a rank's records are cut short or malformed (" + std::to_string(bytes.size()) + " bytes)";
        }
        return false;
    }
    *records = std::move(decoded);
    return true;
}

} // namespace ns3
