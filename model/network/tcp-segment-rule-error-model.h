/*
 * Deterministic losses named by what a segment is (issue 18): drops the TCP segments that
 * TcpSegmentRules name, e.g. "c2s:syn" (the first SYN of each connection) or "s2c:data=1#2" (the
 * second transmission of the first response byte), the same way for any TCP on the hosts, since it
 * reads only the wire: the IPv4 and TCP headers of each packet (after a PPP header when there is one,
 * as on a PointToPointNetDevice's receive side, where ns-3 3.37 consults its ReceiveErrorModel before
 * it strips that header).
 *
 * Use one model for both directions of a link: the same object as the ReceiveErrorModel of both
 * devices of a point-to-point link, so that it sees the SYN of each direction and thus both ISNs.
 * Seen from one end only, the other side's ISN is inferred from the first acknowledgement of it
 * (a SYN-ACK acknowledges the client's ISN + 1; the client's first ACK the server's ISN + 1).
 * Connections whose SYN or SYN-ACK it never saw are left alone: their direction is unknown.
 *
 * Counting: per connection (4-tuple) and per rule, every segment that reaches the model counts,
 * including the ones it drops; a new SYN on a 4-tuple (another ISN) starts a new connection with
 * fresh counts. Per packet: one header parse and one hash lookup, then each rule in turn.
 * A packet that several rules pick is dropped once and reported with the first of them.
 * To add rules to a random loss, combine both in a CombinedErrorModel.
 */
#ifndef HANDSHAKE_TCP_SEGMENT_RULE_ERROR_MODEL_H
#define HANDSHAKE_TCP_SEGMENT_RULE_ERROR_MODEL_H

#include "ns3/tcp-segment-rule.h"

#include "ns3/error-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/tcp-header.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class TcpSegmentRuleErrorModel : public ErrorModel
{
  public:
    /** What the Drop trace reports about a dropped segment. */
    struct Dropped
    {
        std::string rule;        //!< the rule's text, e.g. "c2s:syn"
        uint32_t ruleIndex{0};   //!< its place among the model's rules
        Ipv4Address clientAddress;
        uint16_t clientPort{0};
        Ipv4Address serverAddress;
        uint16_t serverPort{0};
        bool clientToServer{true};
        TcpHeader header;        //!< the dropped segment's TCP header
        uint32_t length{0};      //!< its payload bytes
    };

    /** Signature of the "Drop" trace source. */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const Dropped& dropped);

    static TypeId GetTypeId();

    /** Replaces the rules (and forgets every connection seen so far). */
    void SetRules(const std::vector<TcpSegmentRule>& rules);
    const std::vector<TcpSegmentRule>& GetRules() const;
    /** The "Rules" attribute's setter: false (rules unchanged) when \p text is malformed. */
    bool SetRulesText(std::string text);
    std::string GetRulesText() const;
    /** Connections from \p address belong to client \p index (for rules with client:N). */
    void AddClient(Ipv4Address address, uint32_t index);

  private:
    /** A connection's 4-tuple, the lower (address, port) first so both directions find it. */
    struct Key
    {
        uint32_t lowAddress;
        uint32_t highAddress;
        uint16_t lowPort;
        uint16_t highPort;
        bool operator==(const Key& other) const;
    };
    struct KeyHash
    {
        size_t operator()(const Key& key) const;
    };
    struct Connection
    {
        uint32_t clientAddress{0};
        uint16_t clientPort{0};
        uint32_t serverAddress{0};
        uint16_t serverPort{0};
        std::optional<uint32_t> clientIsn;
        std::optional<uint32_t> serverIsn;
        std::optional<uint32_t> client; //!< client index, when AddClient knows its address
        std::vector<uint32_t> matches;  //!< per rule: segments matched so far
    };

    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;
    /** The connection \p packet belongs to, learnt from SYNs; null when unknown. */
    Connection* Find(uint32_t from, uint16_t fromPort, uint32_t to, uint16_t toPort, uint8_t flags,
                     uint32_t seq, uint32_t ack);

    std::vector<TcpSegmentRule> m_rules;
    std::unordered_map<uint32_t, uint32_t> m_clients; //!< address -> client index
    std::unordered_map<Key, Connection, KeyHash> m_connections;
    TracedCallback<Ptr<const Packet>, const Dropped&> m_dropTrace;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_SEGMENT_RULE_ERROR_MODEL_H
