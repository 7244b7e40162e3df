/*
 * Builds a many-host topology from a few parameters (issue [topology]):
 *
 *   tree:      client_i --access_i-- accessRouter_a --uplink_a-- [aggregation levels --] core ==bottleneck== serverRouter -- server_j
 *   dumbbell:  client_i --access_i-- core ==bottleneck== serverRouter -- server_j
 *
 * Each client has its own access link whose one-way delay and loss come from distributions. Addresses
 * and routes follow TopologyAddressPlan (which adds aggregation levels so that no router has more than
 * Fanout children); every node routes with PrefixHashRouting and routers use
 * the strong end-system model, so per-packet cost does not grow with the number of hosts. Only the
 * bottleneck gets a queue disc.
 */
#ifndef HANDSHAKE_TOPOLOGY_BUILDER_H
#define HANDSHAKE_TOPOLOGY_BUILDER_H

#include "ns3/topology-address-plan.h"
#include "ns3/topology-partition.h"

#include "ns3/data-rate.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <list>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class TopologyBuilder : public Object
{
  public:
    static TypeId GetTypeId();

    enum Shape
    {
        DUMBBELL,
        TREE
    };

    enum LossModelKind
    {
        RANDOM_LOSS,     //!< RateErrorModel, per packet
        GILBERT_ELLIOTT, //!< GilbertElliottErrorModel with the drawn rate as its stationary loss
    };

    /**
     * Creates the nodes, installs the Internet stack (TCP as the TcpL4Protocol attribute says), links,
     * addresses and routes. Returns an error text (empty on success); on error nothing is built.
     */
    std::string Build(uint32_t clients, uint32_t servers);

    NodeContainer GetClients() const;
    NodeContainer GetServers() const;
    /** Access routers (tree only), then aggregation routers level by level, then the core, then
     *  the server router. */
    NodeContainer GetRouters() const;
    Ipv4Address GetClientAddress(uint32_t client) const;
    Ipv4Address GetServerAddress(uint32_t server) const;
    /** The client's end of its access link / the server's end of its link. */
    Ptr<NetDevice> GetClientDevice(uint32_t client) const;
    Ptr<NetDevice> GetServerDevice(uint32_t server) const;
    /** The router's end of a client's access link. */
    Ptr<NetDevice> GetClientRouterDevice(uint32_t client) const;
    NetDeviceContainer GetBottleneckDevices() const;
    Time GetAccessDelay(uint32_t client) const;
    double GetAccessLoss(uint32_t client) const;
    const TopologyAddressPlan& GetPlan() const;
    /** Which rank each node is on (the Ranks attribute; TopologyPartition). After Build. */
    const TopologyPartition& GetPartition() const;
    /** The smallest delay of a link whose two ends are on different ranks: the lookahead of a
     *  distributed run (ns-3's conservative synchronisation). Zero when no link crosses ranks. */
    Time GetLookahead() const;
    /** Links whose two ends are on different ranks. */
    uint32_t GetCrossRankLinks() const;

    /**
     * Deterministic drops for tests: the packets with these receive indices (0 = first packet the
     * device receives) are dropped on the client's side (\p towardsClient) or the router's side of
     * its access link, replacing the random loss model there.
     */
    void SetDropList(uint32_t client, bool towardsClient, const std::list<uint32_t>& indices);

    /**
     * An attacker host on its own link to the core (AttackerLinkRate, AttackerLinkDelay; address
     * plan: TopologyAddressPlan::Attacker), for SYN floods with sources spoofed from
     * TopologyAddressPlan's SPOOFED_SPACE. The server router routes that prefix over the bottleneck
     * and the core to the attacker's link, so replies to spoofed sources (SYN-ACKs) take the way
     * real ones would and end at the attacker host, which does not forward: they are dropped there
     * without a word (its Ipv4L3Protocol Drop trace, DROP_ROUTE_ERROR). Call after Build, once.
     */
    Ptr<Node> AddAttacker();
    /** The node AddAttacker made (null before). */
    Ptr<Node> GetAttacker() const;

    /**
     * A host on its own link to the core (1 Gbps, one-way \p delay, each direction losing packets
     * with probability \p loss; address plan: TopologyAddressPlan::DnsHost), for a DNS server
     * away from the core. Call after Build, once; returns the host.
     */
    Ptr<Node> AddDnsHost(Time delay, double loss);
    /** The core router (after Build). */
    Ptr<Node> GetCore() const;

  protected:
    void DoDispose() override;

  private:
    /** The nodes, each with the system id (rank) of the partition; in the order of a run on one
     *  process, so that node ids (and the random streams made per node) do not depend on ranks. */
    void CreateNodes(uint32_t clients, uint32_t servers);
    void InstallStacks();
    /** IPv4 only, PrefixHashRouting, TCP as \p tcp says. */
    static void InstallStack(NodeContainer nodes, const std::string& tcp);
    /** Which links keep ns-3's device flow control (a NetDeviceQueueInterface per device). */
    enum class FlowControl
    {
        OFF, //!< no queue disc holds packets back for the device: none is needed
        ON,  //!< the bottleneck, whose queue disc waits while the device queue is full
    };
    Ptr<NetDevice> Connect(Ptr<Node> a, Ptr<Node> b, DataRate rate, Time delay,
                           const TopologyAddressPlan::Link& link, NetDeviceContainer* devices,
                           FlowControl flowControl = FlowControl::OFF);
    /** Draws each client's access delay and loss (AccessDelay, AccessLoss, in that order per
     *  client); a draw outside its range is an error: "AccessDelay: client 3 drew ...". */
    std::string DrawAccessLinks(uint32_t clients);
    void BuildAccessLinks();
    void BuildRouterTree();
    void BuildCore();
    void BuildServers();
    Ptr<ErrorModel> MakeLossModel(double rate);

    // Attributes
    Shape m_shape{TREE};
    uint32_t m_fanout{100};
    Ptr<RandomVariableStream> m_accessDelayMs;
    Ptr<RandomVariableStream> m_accessLoss;
    LossModelKind m_lossKind{RANDOM_LOSS};
    double m_meanBurstLength{3.0};
    DataRate m_accessRate{"100Mbps"};
    DataRate m_uplinkRate{"10Gbps"};
    Time m_uplinkDelay{MicroSeconds(100)};
    DataRate m_bottleneckRate{"1Gbps"};
    Time m_bottleneckDelay{MilliSeconds(5)};
    std::string m_bottleneckQueueDisc{"ns3::FifoQueueDisc"};
    DataRate m_serverLinkRate{"10Gbps"};
    Time m_serverLinkDelay{MicroSeconds(100)};
    std::string m_tcpL4Protocol{"ns3::TcpL4Protocol"};
    uint32_t m_ranks{1};
    DataRate m_attackerLinkRate{"1Gbps"};
    Time m_attackerLinkDelay{MilliSeconds(1)};

    // What Build made
    std::unique_ptr<TopologyAddressPlan> m_plan;
    std::unique_ptr<TopologyPartition> m_partition;
    Time m_lookahead;
    uint32_t m_crossRankLinks{0};
    NodeContainer m_clients;
    NodeContainer m_servers;
    std::vector<NodeContainer> m_levels; //!< routers per tree level: access routers first
    Ptr<Node> m_core;
    Ptr<Node> m_serverRouter;
    Ptr<Node> m_attacker;
    Ptr<Node> m_dnsHost;
    NetDeviceContainer m_clientDevices;
    NetDeviceContainer m_clientRouterDevices;
    NetDeviceContainer m_serverDevices;
    NetDeviceContainer m_bottleneckDevices;
    std::vector<Time> m_accessDelays;
    std::vector<double> m_accessLosses;
};

} // namespace ns3

#endif // HANDSHAKE_TOPOLOGY_BUILDER_H
