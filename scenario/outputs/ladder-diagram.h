/*
 * One connection's segments drawn as the sequence ("ladder") diagram of shared/seeds/, as inline SVG
 * for report.html: client on the left, server on the right, one arrow per segment going down with
 * time, labelled like Wireshark's info column (flags, seq/ack relative to each side's ISN, length),
 * and the client's state before -> after at its end. Long connections keep their first HEAD and
 * last TAIL segments with a "... N segments ..." row between, so a diagram has a bounded size.
 * States the client's TCP did not trace (a segment's state_source "wire": inferred from the
 * segments) are drawn with the INFERRED_MARK prefix, in italics, and the figure gets a legend line.
 */
#ifndef HANDSHAKE_LADDER_DIAGRAM_H
#define HANDSHAKE_LADDER_DIAGRAM_H

#include "ns3/run-records.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class LadderDiagram
{
  public:
    static constexpr size_t HEAD = 14; //!< segments drawn from the start (handshake, request, ...)
    static constexpr size_t TAIL = 10; //!< and from the end (the teardown)
    /** Prefix of a state inferred from the wire, e.g. "~FIN_WAIT_1". */
    static constexpr const char* INFERRED_MARK = "~";

    /** \p state as the figure writes it (escaped, with INFERRED_MARK when \p inferred). */
    static std::string StateText(const std::string& state, bool inferred);

    /** \p segments: those of \p connection, in the order recorded (the client's time order). */
    LadderDiagram(const ConnectionRecord& connection, std::vector<SegmentRecord> segments);

    /** "[SYN, ACK] Seq=0 Ack=1 Len=0" for segment \p index (relative numbers when the ISN is known). */
    std::string Label(size_t index) const;
    /** Segments left out in the middle (0 when all are drawn). */
    size_t Elided() const;
    std::string Svg() const;
    /** True when a segment's states are inferred from the wire (the figure then has a legend). */
    bool AnyInferred() const;

  private:
    /** The row of one arrow, with its top at \p y. */
    void Arrow(std::ostream& os, size_t index, double y) const;
    void Elision(std::ostream& os, double y) const;

    ConnectionRecord m_connection;
    std::vector<SegmentRecord> m_segments;
    std::optional<uint32_t> m_clientIsn; //!< seq of the client's first SYN
    std::optional<uint32_t> m_serverIsn; //!< seq of the server's first SYN (the SYN-ACK)
};

} // namespace ns3

#endif // HANDSHAKE_LADDER_DIAGRAM_H
