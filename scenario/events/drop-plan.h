/*
 * Deterministic losses for handshake-sim (--drop, issue 18): TcpSegmentRules installed on the clients'
 * access links, one TcpSegmentRuleErrorModel per link shared by both of its ends, so that it sees
 * the handshake in both directions. The rules add to the link's --loss model (CombinedErrorModel:
 * both are asked about every packet), and every segment they drop becomes a DropRecord.
 *
 * Every other segment lost on those links becomes a DropRecord too, named for what dropped it:
 * "loss" for the link's --loss model (random or Gilbert-Elliott), "link-down" while a --link-down
 * fault has cut the link (the device's PhyRxDrop trace, with or without rules).
 *
 * Client numbers are the topology's: client:N is TopologyBuilder's client N, 0 the first, as in
 * --link-down=client:N. A rule without client:N goes on every client's link.
 */
#ifndef HANDSHAKE_DROP_PLAN_H
#define HANDSHAKE_DROP_PLAN_H

#include "ns3/run-records.h"
#include "ns3/tcp-segment-rule-error-model.h"
#include "ns3/tcp-segment-rule.h"

#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class TopologyBuilder;

class DropPlan
{
  public:
    /** The connection id of a client's address and port, as the connections table numbers them. */
    using ConnectionLookup = std::function<uint64_t(Ipv4Address client, uint16_t port)>;

    /**
     * Parses RULE[,RULE...] (empty: no rule) for a topology of \p clients clients. Returns an error
     * text naming the faulty rule, empty if valid.
     */
    std::string Parse(const std::string& text, uint32_t clients);
    const std::vector<TcpSegmentRule>& Rules() const;
    bool Enabled() const;

    /**
     * Puts the rules on the access links of \p topology (after TopologyBuilder::Build, before the
     * run) and follows every loss on them; each drop is recorded with the id \p lookup gives its
     * connection at that time.
     */
    void Install(const TopologyBuilder& topology, ConnectionLookup lookup);
    /** The segments dropped so far, in order. */
    const std::vector<DropRecord>& Records() const;
    /** Each record's client end (address, port): spread over MPI ranks, the rank that dropped a
     *  SYN may not know its connection (id 0), which rank 0's merge then finds by it. */
    const std::vector<std::pair<Ipv4Address, uint16_t>>& RecordClients() const;

  private:
    void Dropped(Ptr<const Packet> packet, const TcpSegmentRuleErrorModel::Dropped& dropped);
    /** A packet client \p client's access link dropped on receipt, at its router's end when
     *  \p clientToServer, for \p cause ("loss", "link-down"). */
    void LinkDropped(uint32_t client, bool clientToServer, const char* cause, Ptr<const Packet> packet);

    std::vector<TcpSegmentRule> m_rules;
    ConnectionLookup m_lookup;
    std::vector<DropRecord> m_records;
    std::vector<std::pair<Ipv4Address, uint16_t>> m_recordClients; //!< by record
    std::vector<Ipv4Address> m_clientAddresses;
    uint64_t m_ruleDropUid{UINT64_MAX}; //!< the packet a rule dropped last (its PhyRxDrop follows)
};

} // namespace ns3

#endif // HANDSHAKE_DROP_PLAN_H
