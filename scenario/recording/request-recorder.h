/*
 * One HttpRequestRecord per HTTP request of the client applications it is installed on (their Record
 * trace), turned into results.sqlite's `transactions` rows after the run, each linked to the
 * ConnectionRecorder row of the connection that carried it. Optionally calls back once the expected
 * number of requests is recorded, so that a scenario can stop when its workload is over.
 */
#ifndef HANDSHAKE_REQUEST_RECORDER_H
#define HANDSHAKE_REQUEST_RECORDER_H

#include "ns3/connection-recorder.h"
#include "ns3/http-request-record.h"
#include "ns3/run-records.h"

#include "ns3/application-container.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{

class RequestRecorder
{
  public:
    /** Records the requests of every HttpClientApplication in \p clients. Keep this object alive. */
    void Install(const ApplicationContainer& clients);

    /** Calls \p allRecorded once, when the \p expected-th request is recorded. */
    void NotifyWhenRecorded(uint64_t expected, std::function<void()> allRecorded);

    /** Requests recorded so far, and how many are expected (0: not set). */
    uint64_t Recorded() const;
    uint64_t Expected() const;
    /** The simulated time of the latest record (zero before any). */
    Time LastRecordedAt() const;

    const std::vector<HttpRequestRecord>& Records() const;
    /** When each record came (its outcome), in seconds: the order of transaction ids. */
    const std::vector<double>& RecordTimes() const;

    /** The `transactions` rows, in the order the requests ended, ids from 1. After the run. */
    std::vector<TransactionRecord> Transactions(const ConnectionRecorder& connections) const;

  private:
    void Record(const HttpRequestRecord& record);

    std::vector<HttpRequestRecord> m_records;
    std::vector<double> m_recordTimes;
    uint64_t m_expected{0};
    std::function<void()> m_allRecorded;
    Time m_lastRecordedAt;
};

} // namespace ns3

#endif // HANDSHAKE_REQUEST_RECORDER_H
