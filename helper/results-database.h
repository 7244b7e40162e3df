/*
 * results.sqlite (shared/DESIGN.md, "Outputs"): one row per run, per TCP connection, per HTTP request,
 * and per segment of the connections the capture policy samples; per server, what its TCP went
 * through (SYNs, drops, peak half-open connections), and with a SYN flood the attack and the load of
 * the server under attack over time. Written to "<path>.partial" inside
 * one SQLite transaction and renamed to <path> by Finish(), so a run that crashes or is killed leaves
 * no file that looks complete, and never a `runs` row with complete = 1.
 */
#ifndef HANDSHAKE_RESULTS_DATABASE_H
#define HANDSHAKE_RESULTS_DATABASE_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ns3
{

/** Seconds of simulation time; empty when the step never happened. */
using RecordTime = std::optional<double>;

struct RunRecord
{
    std::string program;
    std::string arguments; //!< the command line as given
    uint64_t rngRun{1};
    std::string tcp;       //!< "handshake" or "ns3"
};

struct ConnectionRecord
{
    uint64_t id{0};
    std::string clientAddress;
    uint16_t clientPort{0};
    std::string serverAddress;
    uint16_t serverPort{0};
    RecordTime synSent;
    RecordTime established;
    RecordTime finSent;         //!< our (client's) first FIN
    RecordTime finReceived;     //!< the server's FIN reached the client
    RecordTime timeWaitEntered;
    RecordTime closed;
    std::string finalState;
    uint32_t retransmissions{0};
    std::string outcome; //!< closed, reset, timeout, refused, unfinished
};

struct TransactionRecord
{
    uint64_t id{0};
    uint64_t connectionId{0}; //!< 0 when unknown
    std::string clientAddress;
    std::string method;
    std::string path;
    int status{0};
    uint64_t bytes{0};
    RecordTime connectCalled;
    RecordTime established;
    RecordTime requestSent;
    RecordTime firstByte;
    RecordTime lastByte;
    RecordTime closed;
    std::string outcome; //!< ok, connect-failed, reset, timeout, bad-response, body-mismatch
};

struct SegmentRecord
{
    uint64_t connectionId{0};
    double time{0};
    std::string direction; //!< "client->server" or "server->client"
    std::string flags;     //!< "SYN,ACK"
    uint32_t seq{0};
    uint32_t ack{0};
    uint32_t length{0};
    std::string stateBefore;
    std::string stateAfter;
};

/** What one server's TCP went through (ServerLoadMonitor). Counts the TCP does not keep are empty. */
struct ServerRecord
{
    uint64_t id{0}; //!< server index
    std::string address;
    uint64_t synsReceived{0}; //!< segments with SYN and without ACK delivered to the server's TCP
    std::optional<uint64_t> synQueueDrops;    //!< SYNs dropped, SYN queue full (our TCP only)
    std::optional<uint64_t> acceptQueueDrops; //!< handshake ACKs dropped, accept queue full (ours)
    std::optional<uint64_t> cookiesSent;      //!< SYN-ACKs carrying a SYN cookie (ours, with cookies)
    std::optional<uint64_t> cookiesValidated; //!< ACKs whose cookie made a connection (likewise)
    uint32_t peakHalfOpen{0};     //!< most connections in SYN_RCVD at once
    uint32_t peakConnections{0};  //!< most connections (TCBs, any state but LISTEN) at once
    uint32_t halfOpenAtEnd{0};
    uint32_t connectionsAtEnd{0};
};

/** One point of a server's load over time. */
struct ServerLoadSample
{
    uint64_t serverId{0};
    double time{0};
    uint32_t halfOpen{0};
    uint32_t connections{0};
};

/** The SYN flood of a run (--syn-flood), if any. */
struct SynFloodRecord
{
    std::string target; //!< "address:port"
    double rate{0};     //!< SYNs per second
    double start{0};
    RecordTime stop;    //!< empty: until the run ended
    uint64_t synsSent{0};
    uint64_t repliesDropped{0}; //!< packets to spoofed sources that reached the attacker host and died
};

class ResultsDatabase
{
  public:
    /** Opens "<path>.partial" (replacing any earlier one) and removes an older <path>. */
    static std::unique_ptr<ResultsDatabase> Create(const std::string& path, std::string* error);
    ~ResultsDatabase();

    void BeginRun(const RunRecord& run);
    void Add(const ConnectionRecord& connection);
    void Add(const TransactionRecord& transaction);
    void Add(const SegmentRecord& segment);
    void Add(const ServerRecord& server);
    void Add(const ServerLoadSample& sample);
    void Add(const SynFloodRecord& flood);

    /** Add() for every row of each of \p tables (vectors of the records above), in that order. */
    template <typename... Records>
    void AddAll(const std::vector<Records>&... tables)
    {
        auto addRows = [this](const auto& rows) {
            for (const auto& row : rows)
            {
                Add(row);
            }
        };
        (addRows(tables), ...);
    }
    /** Marks the run complete, commits and renames the file into place. False (with error) if not. */
    bool Finish(double simulatedSeconds, std::string* error);

    const std::string& PartialPath() const;

    /**
     * Writes each table of the finished database at \p path as <directory>/<table>.csv (header
     * row, then one line per row; RFC 4180 quoting). Returns an error text, empty on success.
     */
    static std::string ExportCsv(const std::string& path, const std::string& directory);

  private:
    ResultsDatabase(const std::string& path, sqlite3* db);
    bool Execute(const std::string& sql, std::string* error);
    sqlite3_stmt* Prepare(const char* sql);

    std::string m_path;
    std::string m_partialPath;
    sqlite3* m_db;
    int64_t m_runId{0};
    sqlite3_stmt* m_insertConnection{nullptr};
    sqlite3_stmt* m_insertTransaction{nullptr};
    sqlite3_stmt* m_insertSegment{nullptr};
    sqlite3_stmt* m_insertServer{nullptr};
    sqlite3_stmt* m_insertServerLoad{nullptr};
};

} // namespace ns3

#endif // HANDSHAKE_RESULTS_DATABASE_H
