#include "request-recorder.h"

#include "ns3/callback.h"
#include "ns3/ipv4.h"
#include "ns3/node-list.h"
#include "ns3/simulator.h"

#include <optional>
#include <sstream>

namespace ns3
{

void
RequestRecorder::Install(const ApplicationContainer& clients)
{
    for (auto app = clients.Begin(); app != clients.End(); ++app)
    {
        (*app)->TraceConnectWithoutContext("Record", MakeCallback(&RequestRecorder::Record, this));
    }
}

void
RequestRecorder::NotifyWhenRecorded(uint64_t expected, std::function<void()> allRecorded)
{
    m_expected = expected;
    m_allRecorded = std::move(allRecorded);
    // Room for all of them at once: growing by doubling copies them and can hold twice as much.
    m_records.reserve(expected);
    m_recordTimes.reserve(expected);
}

uint64_t
RequestRecorder::Recorded() const
{
    return m_records.size();
}

uint64_t
RequestRecorder::Expected() const
{
    return m_expected;
}

Time
RequestRecorder::LastRecordedAt() const
{
    return m_lastRecordedAt;
}

const std::vector<HttpRequestRecord>&
RequestRecorder::Records() const
{
    return m_records;
}

void
RequestRecorder::Record(const HttpRequestRecord& record)
{
    m_records.push_back(record);
    m_lastRecordedAt = Simulator::Now();
    m_recordTimes.push_back(m_lastRecordedAt.GetSeconds());
    if (m_records.size() == m_expected && m_allRecorded)
    {
        m_allRecorded();
    }
}

const std::vector<double>&
RequestRecorder::RecordTimes() const
{
    return m_recordTimes;
}

std::vector<TransactionRecord>
RequestRecorder::Transactions(const ConnectionRecorder& connections) const
{
    auto seconds = [](Time time) {
        return HttpRequestRecord::IsSet(time) ? RecordTime(time.GetSeconds()) : std::nullopt;
    };
    std::vector<TransactionRecord> rows;
    rows.reserve(m_records.size());
    for (const auto& r : m_records)
    {
        Ipv4Address client = NodeList::GetNode(r.node)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        TransactionRecord t;
        t.id = rows.size() + 1;
        t.connectionId = connections.FindId(client, r.localPort);
        std::ostringstream address;
        address << client;
        t.clientAddress = address.str();
        t.method = "GET";
        t.path = r.path;
        t.status = r.status;
        t.bytes = r.bodyBytes;
        t.connectCalled = seconds(r.connectCalled);
        t.established = seconds(r.established);
        t.requestSent = seconds(r.requestSent);
        t.firstByte = seconds(r.firstByte);
        t.lastByte = seconds(r.lastByte);
        t.closed = seconds(r.closed);
        t.outcome = HttpRequestRecord::OutcomeName(r.outcome);
        t.attempts = r.attempts;
        t.firstConnectionId = connections.FindId(client, r.firstLocalPort);
        t.dnsStart = seconds(r.dnsStart);
        t.dnsEnd = seconds(r.dnsEnd);
        t.dnsCached = r.dnsFromCache;
        rows.push_back(std::move(t));
    }
    return rows;
}

} // namespace ns3
