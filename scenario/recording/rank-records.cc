#include "rank-records.h"

#include <cstring>
#include <optional>

namespace ns3
{

namespace
{

/** Values go as their bytes: both ends are one binary of one MPI job (the same platform). */
class Writer
{
  public:
    template <typename T>
    void Raw(T value)
    {
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        m_out.append(bytes, sizeof(T));
    }

    void Text(const std::string& text)
    {
        Raw<uint64_t>(text.size());
        m_out += text;
    }

    void Time(const RecordTime& time)
    {
        Raw<uint8_t>(time.has_value());
        Raw<double>(time.value_or(0));
    }

    std::string Take()
    {
        return std::move(m_out);
    }

  private:
    std::string m_out;
};

class Reader
{
  public:
    explicit Reader(const std::string& in)
        : m_in(in)
    {
    }

    template <typename T>
    T Raw()
    {
        T value{};
        if (m_ok && m_in.size() - m_at >= sizeof(T))
        {
            std::memcpy(&value, m_in.data() + m_at, sizeof(T));
            m_at += sizeof(T);
        }
        else
        {
            m_ok = false;
        }
        return value;
    }

    std::string Text()
    {
        uint64_t size = Raw<uint64_t>();
        if (!m_ok || m_in.size() - m_at < size)
        {
            m_ok = false;
            return "";
        }
        std::string text = m_in.substr(m_at, size);
        m_at += size;
        return text;
    }

    RecordTime Time()
    {
        bool set = Raw<uint8_t>() != 0;
        double value = Raw<double>();
        return set ? RecordTime(value) : std::nullopt;
    }

    /** A count of items that each take at least one byte: more than the bytes left is corrupt. */
    uint64_t Count()
    {
        uint64_t count = Raw<uint64_t>();
        if (count > m_in.size() - m_at)
        {
            m_ok = false;
            return 0;
        }
        return count;
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

void
Write(Writer& w, const ConnectionRecord& c)
{
    w.Raw(c.id);
    w.Text(c.clientAddress);
    w.Raw(c.clientPort);
    w.Text(c.serverAddress);
    w.Raw(c.serverPort);
    for (const RecordTime* t : {&c.synSent, &c.established, &c.finSent, &c.finReceived, &c.timeWaitEntered,
                                &c.closed, &c.serverFinSent, &c.serverTimeWaitEntered, &c.serverClosed})
    {
        w.Time(*t);
    }
    w.Text(c.finalState);
    w.Raw(c.retransmissions);
    w.Raw(c.serverRetransmissions);
    w.Text(c.outcome);
    w.Text(c.stateSource);
    w.Text(c.serverStateSource);
    w.Raw<uint8_t>(c.openAtEnd);
}

void
Read(Reader& r, ConnectionRecord& c)
{
    c.id = r.Raw<uint64_t>();
    c.clientAddress = r.Text();
    c.clientPort = r.Raw<uint16_t>();
    c.serverAddress = r.Text();
    c.serverPort = r.Raw<uint16_t>();
    for (RecordTime* t : {&c.synSent, &c.established, &c.finSent, &c.finReceived, &c.timeWaitEntered, &c.closed,
                          &c.serverFinSent, &c.serverTimeWaitEntered, &c.serverClosed})
    {
        *t = r.Time();
    }
    c.finalState = r.Text();
    c.retransmissions = r.Raw<uint32_t>();
    c.serverRetransmissions = r.Raw<uint32_t>();
    c.outcome = r.Text();
    c.stateSource = r.Text();
    c.serverStateSource = r.Text();
    c.openAtEnd = r.Raw<uint8_t>() != 0;
}

void
Write(Writer& w, const TransactionRecord& t)
{
    w.Raw(t.id);
    w.Raw(t.connectionId);
    w.Text(t.clientAddress);
    w.Text(t.method);
    w.Text(t.path);
    w.Raw(t.status);
    w.Raw(t.bytes);
    for (const RecordTime* time : {&t.connectCalled, &t.established, &t.requestSent, &t.firstByte, &t.lastByte,
                                   &t.closed, &t.dnsStart, &t.dnsEnd})
    {
        w.Time(*time);
    }
    w.Text(t.outcome);
    w.Raw(t.attempts);
    w.Raw(t.firstConnectionId);
    w.Raw<uint8_t>(t.dnsCached);
}

void
Read(Reader& r, TransactionRecord& t)
{
    t.id = r.Raw<uint64_t>();
    t.connectionId = r.Raw<uint64_t>();
    t.clientAddress = r.Text();
    t.method = r.Text();
    t.path = r.Text();
    t.status = r.Raw<int>();
    t.bytes = r.Raw<uint64_t>();
    for (RecordTime* time : {&t.connectCalled, &t.established, &t.requestSent, &t.firstByte, &t.lastByte,
                             &t.closed, &t.dnsStart, &t.dnsEnd})
    {
        *time = r.Time();
    }
    t.outcome = r.Text();
    t.attempts = r.Raw<uint32_t>();
    t.firstConnectionId = r.Raw<uint64_t>();
    t.dnsCached = r.Raw<uint8_t>() != 0;
}

void
Write(Writer& w, const SegmentRecord& s)
{
    w.Raw(s.connectionId);
    w.Raw(s.time);
    w.Text(s.direction);
    w.Text(s.flags);
    w.Raw(s.seq);
    w.Raw(s.ack);
    w.Raw(s.length);
    w.Text(s.stateBefore);
    w.Text(s.stateAfter);
    w.Text(s.stateSource);
}

void
Read(Reader& r, SegmentRecord& s)
{
    s.connectionId = r.Raw<uint64_t>();
    s.time = r.Raw<double>();
    s.direction = r.Text();
    s.flags = r.Text();
    s.seq = r.Raw<uint32_t>();
    s.ack = r.Raw<uint32_t>();
    s.length = r.Raw<uint32_t>();
    s.stateBefore = r.Text();
    s.stateAfter = r.Text();
    s.stateSource = r.Text();
}

void
Write(Writer& w, const StateRecord& s)
{
    w.Raw(s.connectionId);
    w.Text(s.side);
    w.Raw(s.time);
    w.Text(s.from);
    w.Text(s.to);
    w.Text(s.source);
}

void
Read(Reader& r, StateRecord& s)
{
    s.connectionId = r.Raw<uint64_t>();
    s.side = r.Text();
    s.time = r.Raw<double>();
    s.from = r.Text();
    s.to = r.Text();
    s.source = r.Text();
}

void
Write(Writer& w, const DropRecord& d)
{
    w.Raw(d.connectionId);
    w.Raw(d.time);
    w.Text(d.direction);
    w.Text(d.rule);
    w.Text(d.flags);
    w.Raw(d.seq);
    w.Raw(d.ack);
    w.Raw(d.length);
}

void
Read(Reader& r, DropRecord& d)
{
    d.connectionId = r.Raw<uint64_t>();
    d.time = r.Raw<double>();
    d.direction = r.Text();
    d.rule = r.Text();
    d.flags = r.Text();
    d.seq = r.Raw<uint32_t>();
    d.ack = r.Raw<uint32_t>();
    d.length = r.Raw<uint32_t>();
}

template <typename T>
void
WriteAll(Writer& w, const std::vector<T>& items)
{
    w.Raw<uint64_t>(items.size());
    for (const T& item : items)
    {
        Write(w, item);
    }
}

template <typename T>
void
ReadAll(Reader& r, std::vector<T>& items)
{
    uint64_t count = r.Count();
    items.clear();
    for (uint64_t i = 0; i < count && r.Ok(); ++i)
    {
        items.emplace_back();
        Read(r, items.back());
    }
}

} // namespace

std::string
RankRecords::Encode() const
{
    Writer w;
    w.Raw<uint64_t>(connections.size());
    for (const RankConnection& c : connections)
    {
        Write(w, c.record);
        w.Raw(c.iss);
        w.Raw<uint8_t>(c.serverSideOnly);
    }
    WriteAll(w, transactions);
    w.Raw<uint64_t>(transactionTimes.size());
    for (double time : transactionTimes)
    {
        w.Raw(time);
    }
    WriteAll(w, segments);
    WriteAll(w, states);
    WriteAll(w, drops);
    w.Raw<uint64_t>(dropClients.size());
    for (const DropClient& client : dropClients)
    {
        w.Text(client.address);
        w.Raw(client.port);
    }
    w.Raw(timeWaitAtEnd);
    return w.Take();
}

bool
RankRecords::Decode(const std::string& bytes, RankRecords* records, std::string* error)
{
    Reader r(bytes);
    RankRecords decoded;
    uint64_t count = r.Count();
    for (uint64_t i = 0; i < count && r.Ok(); ++i)
    {
        RankConnection c;
        Read(r, c.record);
        c.iss = r.Raw<uint32_t>();
        c.serverSideOnly = r.Raw<uint8_t>() != 0;
        decoded.connections.push_back(std::move(c));
    }
    ReadAll(r, decoded.transactions);
    count = r.Count();
    for (uint64_t i = 0; i < count && r.Ok(); ++i)
    {
        decoded.transactionTimes.push_back(r.Raw<double>());
    }
    ReadAll(r, decoded.segments);
    ReadAll(r, decoded.states);
    ReadAll(r, decoded.drops);
    count = r.Count();
    for (uint64_t i = 0; i < count && r.Ok(); ++i)
    {
        DropClient client;
        client.address = r.Text();
        client.port = r.Raw<uint16_t>();
        decoded.dropClients.push_back(std::move(client));
    }
    decoded.timeWaitAtEnd = r.Raw<uint64_t>();
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
