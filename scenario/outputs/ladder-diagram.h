/*
 * One connection drawn as the sequence ("ladder") diagram of the seeds' figures, as inline SVG for
 * report.html and `scripts/report ladder`: client on the left, server on the right, one arrow per
 * segment going down with time, labelled like Wireshark's info column (flags, seq/ack relative to
 * each side's ISN, length), the client's state before -> after at its end, and both sides' state
 * changes as their TCPs traced them (the `states` table): the server's SYN_RCVD, CLOSE_WAIT,
 * LAST_ACK in a column right of its lifeline, a client change no segment shows (TIME_WAIT ->
 * CLOSED) in the client's column.
 *
 * Trouble is never hidden: retransmissions are dashed and named, segments a --drop rule lost end
 * in a cross, and elision only takes quiet stretches (KeepsRow). States the TCP did not trace
 * (state_source "wire": inferred from the segments) are drawn with the INFERRED_MARK prefix, in
 * italics, and the figure gets a legend line. Rows are evenly spaced, or with SetTimeScale placed
 * by time so that the arrows slope by the one-way delay as in the seeds' figures.
 */
#ifndef HANDSHAKE_LADDER_DIAGRAM_H
#define HANDSHAKE_LADDER_DIAGRAM_H

#include "ns3/run-records.h"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class LadderDiagram
{
  public:
    /** Rows always drawn at the start (the handshake, the request) and at the end (the teardown). */
    static constexpr size_t HEAD = 8;
    static constexpr size_t TAIL = 8;
    /** Rows drawn before and after each retransmission, loss or RST. */
    static constexpr size_t CONTEXT = 1;
    /** At most this many rows are drawn; beyond it the later trouble is elided too (and counted). */
    static constexpr size_t MAX_ROWS = 80;
    /** Prefix of a state inferred from the wire, e.g. "~FIN_WAIT_1". */
    static constexpr const char* INFERRED_MARK = "~";

    /** \p state as the figure writes it (escaped, with INFERRED_MARK when \p inferred). */
    static std::string StateText(const std::string& state, bool inferred);

    /**
     * \p segments: those of \p connection, in the order recorded (the client's time order);
     * \p states: its state changes, both sides (the `states` rows of this connection);
     * \p drops: the segments of this connection --drop rules lost (the `drops` rows).
     */
    LadderDiagram(const ConnectionRecord& connection,
                  std::vector<SegmentRecord> segments,
                  std::vector<StateRecord> states = {},
                  std::vector<DropRecord> drops = {});

    /** Rows placed by time (at least MIN_GAP apart; elided stretches cut out) instead of evenly. */
    void SetTimeScale(bool on);
    /**
     * The DNS lookup of the request that opened the connection (--dns=on; times in s): drawn on the
     * client's side before the SYN, the query at \p start and the answer at \p end, or one row
     * when the client's cache answered (\p cached).
     */
    void SetDnsLookup(double start, double end, bool cached);
    /** The capture files of the client and the server (paths under --out), named under the hosts. */
    void SetCaptureFiles(const std::string& client, const std::string& server);

    /** "[SYN, ACK] Seq=0 Ack=1 Len=0" for segment \p index (relative numbers when the ISN is known). */
    std::string Label(size_t index) const;
    /** Label's text for any segment of this connection (a lost one too). */
    std::string SegmentLabel(const SegmentRecord& segment) const;
    /** Per segment of one connection (in the order recorded): whether it sends again sequence
     *  space its side sent before (data, SYN or FIN; links here do not reorder). */
    static std::vector<bool> Retransmissions(const std::vector<SegmentRecord>& segments);
    /** Whether segment \p index sends again sequence space its side sent before. */
    bool IsRetransmission(size_t index) const;
    /** Segments left out (0 when all are drawn). */
    size_t Elided() const;
    std::string Svg() const;
    /** True when a state drawn is inferred from the wire (the figure then has a legend). */
    bool AnyInferred() const;

  private:
    /** One row of the figure, in time order. */
    struct Row
    {
        enum Kind
        {
            SEGMENT,      //!< m_segments[index]
            LOST,         //!< m_drops[index], a segment the client never saw (server to client)
            CLIENT_STATE, //!< m_states[index], a client change no segment shows
            SERVER_STATE, //!< m_states[index]
            DNS_QUERY,    //!< the lookup's query (SetDnsLookup)
            DNS_ANSWER,   //!< its answer, or the cache's
        };
        Kind kind;
        size_t index;
        double time;
        bool trouble{false}; //!< a retransmission, loss or RST: its neighbours are kept too
        bool keep{false};
    };

    void BuildRows();
    void ChooseRows();
    /** Each drawn row's y (elided stretches are one row); the arrows' fall. */
    std::vector<double> Layout(double* fall) const;
    void Segment(std::ostream& os, const Row& row, double y, double fall) const;
    void Lost(std::ostream& os, const Row& row, double y, double fall) const;
    void State(std::ostream& os, const Row& row, double y) const;
    void Dns(std::ostream& os, const Row& row, double y) const;
    /** The rows [first, last) left out, as one row. */
    void Elision(std::ostream& os, size_t first, size_t last, double y) const;
    std::string Ms(double time) const;

    ConnectionRecord m_connection;
    std::vector<SegmentRecord> m_segments;
    std::vector<StateRecord> m_states;
    std::vector<DropRecord> m_drops;
    std::optional<uint32_t> m_clientIsn; //!< seq of the client's first SYN
    std::optional<uint32_t> m_serverIsn; //!< seq of the server's first SYN (the SYN-ACK)
    std::vector<bool> m_retransmission;      //!< per segment
    std::vector<std::string> m_lostBy;       //!< per segment: the rule that dropped it, or empty
    std::vector<Row> m_rows;
    bool m_timeScale{false};
    struct DnsLookup
    {
        double start;
        double end;
        bool cached;
    };
    std::optional<DnsLookup> m_dns;
    std::string m_clientPcap;
    std::string m_serverPcap;
};

} // namespace ns3

#endif // HANDSHAKE_LADDER_DIAGRAM_H
