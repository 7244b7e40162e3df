/*
 * What a run records: one struct per row of results.sqlite's tables (ResultsDatabase writes them),
 * made by the recorders (ConnectionRecorder, RequestRecorder, ServerLoadMonitor, SynFloodPlan) and
 * read by the outputs (RunSummary, HtmlReport, LadderDiagram). Plain data, no behaviour: so that
 * those parts depend on the records, not on each other or on the database.
 */
#ifndef HANDSHAKE_RUN_RECORDS_H
#define HANDSHAKE_RUN_RECORDS_H

#include <cstdint>
#include <optional>
#include <string>

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
    std::string handshakeVersion{}; //!< `git describe` of the source built; empty: BuildVersion's
    std::string ns3Version{};       //!< the ns-3 built against ("3.37"); empty: BuildVersion's
};

/** One client host as the run drew it: a row of the `clients` table. */
struct ClientRecord
{
    uint64_t index{0};
    std::string address;
    std::string serverAddress;  //!< the server it fetches from
    double accessDelayMs{0};    //!< its access link's one-way delay, as drawn
    double lossRate{0};         //!< its access link's loss probability (each direction), as drawn
    std::string lossModel;      //!< "random" or "gilbert-elliott" (with this rate as its mean)
    double start{0};            //!< when its HTTP client started, s
    std::string pcap;           //!< its capture file under --out (pcap/clientN-access.pcap); empty if none
};

/** One setting in effect for the run: a row of the `settings` table. */
struct SettingRecord
{
    std::string name;   //!< a flag ("clients"), an ns-3 attribute path or an ns-3 global value
    std::string value;  //!< as in effect (after --config and the command line)
    std::string source; //!< "default", "command line", "FILE:LINE" of a --config file, the program's
                        //!< name, or "profile linux"/"profile rfc" (a value --profile sets)
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
    RecordTime timeWaitEntered; //!< the client entered TIME_WAIT
    RecordTime closed;          //!< the client's side CLOSED (after TIME_WAIT, if it had one)
    RecordTime serverFinSent;         //!< the server's first FIN left its host
    RecordTime serverTimeWaitEntered; //!< the server entered TIME_WAIT (it closed first)
    RecordTime serverClosed;          //!< the server's side CLOSED, by its TCP's own trace
    std::string finalState;
    uint32_t retransmissions{0};       //!< the client's
    uint32_t serverRetransmissions{0}; //!< the server's, as its host sent them
    std::string outcome; //!< closed, reset, timeout, refused, unfinished
    /** Where final_state comes from: "tcp" (the client TCP's own state trace: StateTransition of
     *  ours, TcpSocketBase's "State" of stock ns-3) or "wire" (the segments, as far as they show). */
    std::string stateSource;
    /** Where the server's times come from: "tcp" (its TCP's state trace reached the connection:
     *  our TCP's node-wide StateTransition, or the State trace of stock TCP's forked socket), or
     *  empty (not traced: server_time_wait_entered and server_closed stay empty). */
    std::string serverStateSource;
    bool openAtEnd{false}; //!< the connection had not ended when the run stopped
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
    RecordTime connectCalled; //!< the first attempt's connect call
    RecordTime established;   //!< the carrying connection's
    RecordTime requestSent;
    RecordTime firstByte;
    RecordTime lastByte;
    RecordTime closed;
    std::string outcome; //!< ok, connect-failed, reset, timeout, bad-response, body-mismatch, unfinished, dns-failed
    uint32_t attempts{1};           //!< connections the request was put on (2: retried once)
    uint64_t firstConnectionId{0};  //!< the first attempt's connection (connectCalled is its); 0 unknown
    RecordTime dnsStart; //!< the host name's lookup before the first attempt (--dns=on); unset: none
    RecordTime dnsEnd;   //!< its answer (or failure); equal to dnsStart when the cache answered
    bool dnsCached{false}; //!< the resolver's cache answered: no packet
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
    std::string stateBefore; //!< the client's TCP state when the segment left or arrived
    std::string stateAfter;  //!< and once the TCP had handled it (ConnectionRecorder: when)
    /** "tcp": both states are the client TCP's own (its state trace); "wire": the TCP's states were
     *  not reachable and these are inferred from the segments (stateBefore/After then say what the
     *  segments imply, which may run ahead of or behind the TCP). */
    std::string stateSource;
};

/** One state a side of a connection entered: a row of results.sqlite's `states` table. */
struct StateRecord
{
    uint64_t connectionId{0};
    std::string side; //!< "client" or "server"
    double time{0};
    std::string from;
    std::string to;
    std::string source; //!< "tcp" (the TCP's own state trace) or "wire" (inferred from segments)
};

/** A segment lost on a client's access link (DropPlan): one row of results.sqlite's `drops` table. */
struct DropRecord
{
    uint64_t connectionId{0}; //!< as in `connections`; 0 when the clients' recorder did not know it
    double time{0};
    std::string direction; //!< "client->server" or "server->client", as in `segments`
    std::string rule; //!< the --drop rule as written, e.g. "s2c:data=1#2"; "loss" or "link-down"
    std::string flags{};   //!< the segment lost, as in `segments`: "PSH,ACK"
    uint32_t seq{0};
    uint32_t ack{0};
    uint32_t length{0};
};

/** The client end of a dropped segment's connection (DropPlan): not a column of `drops`, but what
 *  finds the connection when the rank that dropped it did not know it (doc/mpi.rst). */
struct DropClient
{
    std::string address;
    uint16_t port{0};
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

/** How and when a run ended (RunEndRule): the `runs` row's end columns and the summary's line. */
struct RunEndRecord
{
    /** "ended": the work was done and every connection had ended; "grace": the work was done and
     *  the teardown grace ran out with connections open; "limit": the time limit stopped it. */
    std::string reason;
    double time{0};     //!< when the run ended (simulated seconds)
    RecordTime workDone; //!< when the last request got its outcome; empty if that never happened
    double grace{0};    //!< the longest wait for connections after the work was done
    double limit{0};    //!< the time limit
    std::optional<uint64_t> events; //!< simulator events executed in the run (its cost: bench/scale)
};

/** One number of a run (RunMetrics): a row of results.sqlite's `metrics` table. */
struct MetricRecord
{
    std::string name;             //!< "handshake_p50"
    std::optional<double> value;  //!< empty: no data in this run (e.g. no handshake completed)
    bool count{false};            //!< a count, stored as an INTEGER; else a REAL
    std::string unit;             //!< "ms", "segments", "s"; empty for counts
    std::string description;
};

} // namespace ns3

#endif // HANDSHAKE_RUN_RECORDS_H
