/*
 * One deterministic loss named by what a segment is (issue 18, shared/DESIGN.md "--drop"), in the text
 * form [client:N/]DIR:WHAT[#K]:
 *   DIR   c2s (client to server) or s2c (server to client); the client is the side that sent the SYN.
 *   WHAT  syn (SYN without ACK), synack (SYN with ACK), fin (any segment carrying FIN), rst (any segment
 *         carrying RST), data=X (a segment whose payload covers relative stream byte X; 1 is the first
 *         byte after the SYN, Wireshark's relative sequence numbers), ack=A (a pure ACK, no payload and
 *         no SYN, FIN or RST, whose relative acknowledgement number is A: relative to the other side's ISN).
 *   #K    the K-th segment of one connection and direction that matches (default 1).
 *   client:N  only connections of client N (handshake-sim's numbering: 0 is the first client); without
 *         it, every connection.
 * Segments are described to Matches() by their flags, their relative sequence and acknowledgement
 * numbers and their payload length; counting matches per connection is TcpSegmentRuleErrorModel's job.
 */
#ifndef HANDSHAKE_TCP_SEGMENT_RULE_H
#define HANDSHAKE_TCP_SEGMENT_RULE_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class TcpSegmentRule
{
  public:
    enum What
    {
        SYN,
        SYN_ACK,
        FIN,
        RST,
        DATA,
        ACK
    };

    /**
     * Parses one rule. Returns "" and sets \p rule, or an error text naming the rule and what is
     * wrong with it: "'c2s:sin': WHAT must be one of syn, synack, fin, rst, data=X, ack=A".
     */
    static std::string Parse(const std::string& text, TcpSegmentRule* rule);
    /** Parses RULE[,RULE...] (empty: no rule). On error \p rules is left empty. */
    static std::string ParseList(const std::string& text, std::vector<TcpSegmentRule>* rules);
    /** The rules of \p rules in their text form, joined by commas. */
    static std::string JoinText(const std::vector<TcpSegmentRule>& rules);

    /**
     * True when a segment of this rule's direction is one this rule names (counting aside).
     * \p flags are the TCP header's (TcpHeader::Flags_t bits); \p relativeSeq is seq minus the
     * sender's ISN; \p relativeAck is ack minus the receiver's ISN, empty when that ISN is unknown.
     */
    bool Matches(uint8_t flags,
                 uint32_t relativeSeq,
                 uint32_t payloadLength,
                 std::optional<uint32_t> relativeAck) const;

    bool ClientToServer() const;
    What GetWhat() const;
    /** X of data=X or A of ack=A; 0 for the others. */
    uint32_t GetValue() const;
    /** K of #K (1 when not given). */
    uint32_t GetOccurrence() const;
    /** N of client:N; empty when the rule applies to every client. */
    std::optional<uint32_t> GetClient() const;
    /** The rule as written (the drops table's `rule`). */
    const std::string& GetText() const;

  private:
    bool m_clientToServer{true};
    What m_what{SYN};
    uint32_t m_value{0};
    uint32_t m_occurrence{1};
    std::optional<uint32_t> m_client;
    std::string m_text;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_SEGMENT_RULE_H
