/*
 * A SYN flood (RFC 4987 2.2): TCP SYNs at a fixed rate to one server port, each from a new random
 * source address of a spoofed prefix and a random port, with a random ISN, as attack tools such as
 * hping3 --rand-source send them. Nothing is ever answered: the SYN-ACKs go to addresses nobody
 * answers from (TopologyBuilder::AddAttacker routes them to the attacker's link, where they die).
 *
 * The SYNs are real on the wire: an IPv4 header written by the application (a raw socket with
 * IpHeaderInclude, bound to the node's device so that ns-3 does not look the spoofed source up
 * among the node's own addresses) and ns-3's TcpHeader with an MSS option and a valid checksum over
 * the spoofed pseudo-header. Sources, ports and ISNs come from one random stream (AssignStreams),
 * so a fixed RngRun sends the same SYNs.
 */
#ifndef HANDSHAKE_SYN_FLOOD_APPLICATION_H
#define HANDSHAKE_SYN_FLOOD_APPLICATION_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/tcp-header.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class SynFloodApplication : public Application
{
  public:
    static TypeId GetTypeId();
    SynFloodApplication();
    ~SynFloodApplication() override;

    /** Fixes the random stream of sources, ports and ISNs; returns the number of streams used (1).
     */
    int64_t AssignStreams(int64_t stream);
    /** SYNs sent so far. */
    uint64_t GetSent() const;
    /** Sends no more SYNs from now on, whatever its start and stop times say (a scenario ends its
     *  flood when the legitimate clients' work is done). */
    void Halt();

    /** The "Syn" trace: one SYN sent (TCP header and payload, i.e. none), its IPv4 and TCP headers.
     */
    typedef void (*SynCallback)(Ptr<const Packet> segment,
                                const Ipv4Header& ip,
                                const TcpHeader& tcp);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendSyn();
    /** A random host address of the spoofed prefix (neither its network nor its broadcast address).
     */
    Ipv4Address SpoofedSource();

    // Attributes
    double m_rate{100};
    Address m_remote;
    Ipv4Address m_spoofedNetwork;
    Ipv4Mask m_spoofedMask;
    uint16_t m_mss{1460};

    Ptr<UniformRandomVariable> m_random;
    Ptr<Socket> m_socket;
    EventId m_next;
    uint64_t m_sent{0};
    Time m_startedAt;          //!< when StartApplication last ran
    uint64_t m_sentAtStart{0}; //!< m_sent then
    uint16_t m_ipId{0};
    bool m_halted{false};
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, const TcpHeader&> m_synTrace;
};

} // namespace ns3

#endif // HANDSHAKE_SYN_FLOOD_APPLICATION_H
