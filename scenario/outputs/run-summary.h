/*
 * The end-of-run summary of handshake-sim (issue [topology]): connections by outcome, handshake time,
 * time to first byte, transfer time and teardown time (p50/p90/p99), retransmissions per connection,
 * TIME_WAIT count at the end; requests by outcome. Printed and written to summary.txt.
 */
#ifndef HANDSHAKE_RUN_SUMMARY_H
#define HANDSHAKE_RUN_SUMMARY_H

#include "ns3/percentiles.h"
#include "ns3/run-records.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class RunSummary
{
  public:
    /** One row of the summary's table: what it measures and the values it is computed from. */
    struct Sample
    {
        std::string name;       //!< "handshake (SYN->ESTAB)", as the table prints it
        std::string records;    //!< what a value belongs to: "connections" or "requests"
        std::string definition; //!< how a value is computed, for readers of the report
        std::string unit;       //!< "ms" or "segments"
        std::vector<double> values;
    };

    /**
     * The table's samples in its order: handshake time, time to first byte, transfer time,
     * teardown time (ms, over the records where both times exist), retransmissions per connection.
     * Every output that shows these times (summary.txt, report.html) takes them from here.
     */
    static std::vector<Sample> Samples(const std::vector<ConnectionRecord>& connections,
                                       const std::vector<TransactionRecord>& transactions);

    /**
     * \param title first line, e.g. "handshake-sim: 50 clients, 2 servers, tcp=ns3, RngRun 1"
     * \param timeWaitAtEnd connections still in TIME_WAIT when the run stopped
     */
    static std::string Format(const std::string& title,
                              const std::vector<ConnectionRecord>& connections,
                              const std::vector<TransactionRecord>& transactions,
                              uint32_t timeWaitAtEnd);

    /** Connections open at the end that FormatRunEnd lists by name; the rest are counted. */
    static constexpr size_t OPEN_CONNECTIONS_LISTED = 20;

    /**
     * Why and when the run ended, one sentence: "run ended at 14.2 s: every request had its outcome
     * at 9.2 s and every connection had ended", or at the grace or the time limit, with the
     * requests still without outcome and the connections still open counted.
     */
    static std::string DescribeRunEnd(const RunEndRecord& end,
                                      const std::vector<ConnectionRecord>& connections,
                                      const std::vector<TransactionRecord>& transactions);
    /** "connection 25 10.0.0.189:49154 -> 192.168.0.5:80 LAST_ACK (the TCP's trace)". */
    static std::string DescribeOpenConnection(const ConnectionRecord& connection);
    /** The summary's run-end lines: DescribeRunEnd, then each connection still open (at most
     *  OPEN_CONNECTIONS_LISTED of them, then how many more). */
    static std::string FormatRunEnd(const RunEndRecord& end,
                                    const std::vector<ConnectionRecord>& connections,
                                    const std::vector<TransactionRecord>& transactions);

    /**
     * The servers' line: SYNs received, SYN and accept queue drops, SYN cookies (summed over
     * servers; counts a TCP does not keep are left out), peak half-open and peak connections (the
     * largest of any server).
     */
    static std::string FormatServers(const std::vector<ServerRecord>& servers);
    /**
     * The settings' lines: every setting not at its default but --out, grouped by where it came from
     * ("  settings: clients=2, requests=1 (command line); pcap=none (run.conf:3)"), then which code
     * ran ("  built from: handshake 8b227e7, ns-3 3.37"). The `settings` table has them all.
     */
    static std::string FormatSettings(const std::vector<SettingRecord>& settings,
                                      const std::string& handshakeVersion,
                                      const std::string& ns3Version);
    /** The SYN flood's line (SynFloodComponent): target, rate, when, SYNs sent, replies dropped. */
    static std::string FormatSynFlood(const SynFloodRecord& flood);
};

} // namespace ns3

#endif // HANDSHAKE_RUN_SUMMARY_H
