/*
 * Reads back what ResultsDatabase wrote: one connection's rows of a finished results.sqlite, so
 * that `scripts/report ladder --conn=ID` draws any recorded connection after the run, as
 * report.html would have.
 */
#ifndef HANDSHAKE_RESULTS_READER_H
#define HANDSHAKE_RESULTS_READER_H

#include "ns3/run-records.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace ns3
{

class ResultsReader
{
  public:
    /** Opens \p path read-only; null with \p error set when it is not a complete results.sqlite. */
    static std::unique_ptr<ResultsReader> Open(const std::string& path, std::string* error);
    ~ResultsReader();
    ResultsReader(const ResultsReader&) = delete;
    ResultsReader& operator=(const ResultsReader&) = delete;

    std::optional<ConnectionRecord> Connection(uint64_t id) const;
    /** Its rows of `segments`, `states` and `drops`, in the order written. */
    std::vector<SegmentRecord> Segments(uint64_t connection) const;
    std::vector<StateRecord> States(uint64_t connection) const;
    std::vector<DropRecord> Drops(uint64_t connection) const;
    /** The request that opened \p connection after a DNS lookup (--dns=on; its dns_start, dns_end,
     *  dns_cached and first_connection_id), if there is one: the ladder draws that lookup. A
     *  results.sqlite from before the dns columns has none. */
    std::optional<TransactionRecord> DnsOpener(uint64_t connection) const;
    /** The capture file of the client with \p address (`clients.pcap`), or empty. */
    std::string ClientPcap(const std::string& address) const;
    /** The id of the server with \p address (`servers`), if there is one. */
    std::optional<uint64_t> ServerId(const std::string& address) const;
    /** The program's title line facts: program, RngRun, tcp. */
    std::string RunTitle() const;

  private:
    explicit ResultsReader(sqlite3* db);
    sqlite3* m_db;
};

} // namespace ns3

#endif // HANDSHAKE_RESULTS_READER_H
