/*
 * Simulation-test scaffolding for handshake's TCP: two nodes on a point-to-point link, each with
 * our TCP or ns-3's stock TCP, checksums on, a fixed RngRun, pcaps in a temp dir; and a byte
 * sender and receiver written against ns3::Socket only, so they run over either TCP.
 */
#ifndef HANDSHAKE_TEST_TCP_TWO_NODES_H
#define HANDSHAKE_TEST_TCP_TWO_NODES_H

#include "decoded-packet.h"

#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <cstdint>
#include <string>
#include <vector>

namespace handshake::test
{

enum class Stack
{
    HANDSHAKE,
    STOCK
};

/**
 * Has \p path (a file or folder this test process wrote under testing::TempDir()) removed when the
 * process ends and all its tests passed; kept for inspection otherwise.
 */
void RemoveWhenPassed(const std::string& path);

/** The byte at offset \p i of every test stream: not periodic over short spans. */
uint8_t PatternByte(uint64_t i);

struct TwoNodesOptions
{
    Stack client{Stack::HANDSHAKE};
    Stack server{Stack::HANDSHAKE};
    uint32_t rngRun{1};
    double serverRxLoss{0}; //!< packet loss on the server's device (it receives the data)
    std::string name{"tcp"}; //!< pcap names: <tmp>/<name>-client.pcap, <name>-server.pcap
};

class TwoNodes
{
  public:
    static constexpr uint16_t PORT = 5000;

    /** Resets the simulator and global settings, then builds the link. */
    explicit TwoNodes(const TwoNodesOptions& options);
    ~TwoNodes();

    ns3::Ptr<ns3::Socket> ClientSocket() const;
    ns3::Ptr<ns3::Socket> ServerSocket() const;
    ns3::Address ServerAddress(uint16_t port = PORT) const;
    std::string ClientPcap() const { return m_dir + "/" + m_options.name + "-client.pcap"; }
    std::string ServerPcap() const { return m_dir + "/" + m_options.name + "-server.pcap"; }
    ns3::Ptr<ns3::Node> Client() const { return m_nodes.Get(0); }
    ns3::Ptr<ns3::Node> Server() const { return m_nodes.Get(1); }
    /** Runs until nothing is scheduled or \p limit; flushes pcaps by destroying the simulator. */
    void Run(ns3::Time limit = ns3::Seconds(1000));

  private:
    TwoNodesOptions m_options;
    std::string m_dir;
    ns3::NodeContainer m_nodes;
    ns3::Ipv4Address m_serverAddress;
    bool m_destroyed{false};
};

/** Sends \p total pattern bytes after connecting, then closes. */
class ByteSender
{
  public:
    ByteSender(ns3::Ptr<ns3::Socket> socket, uint64_t total);
    void Start(const ns3::Address& server, ns3::Time at = ns3::Seconds(0.1));

    bool connected{false};
    bool failed{false};
    bool closedNormally{false};
    bool closedWithError{false};
    uint64_t queued{0};
    ns3::Time connectedAt;
    ns3::Ptr<ns3::Socket> socket;

  private:
    void Pump();
    uint64_t m_total;
    bool m_closeSent{false};
};

/** Listens, accepts one connection, keeps every byte; closes \p closeDelay after the peer's FIN
 *  (zero: from within the callback that reports it; negative: never). */
class ByteReceiver
{
  public:
    ByteReceiver(ns3::Ptr<ns3::Socket> listener, uint16_t port, ns3::Time closeDelay);

    std::vector<uint8_t> data;
    bool accepted{false};
    bool eof{false};
    bool closed{false};
    uint64_t expected{0}; //!< when set, the time data reached it is recorded
    ns3::Time completedAt;
    ns3::Ptr<ns3::Socket> connection;

    /** Empty when data are exactly the first \p n pattern bytes, else where they differ. */
    std::string CheckContent(uint64_t n) const;

  private:
    void Read(ns3::Ptr<ns3::Socket> socket);
    void PeerClosed(ns3::Ptr<ns3::Socket> socket);
    void DoClose();
    ns3::Ptr<ns3::Socket> m_listener;
    ns3::Time m_closeDelay;
};

/**
 * Hands a segment with header \p header and no payload straight to \p node's TCP as if it had
 * come from \p source to \p destination (checksum computed over that pseudo-header): a peer,
 * possibly a spoofed one, that needs no node of its own.
 */
void InjectSegment(ns3::Ptr<ns3::Node> node,
                   ns3::Ipv4Address source,
                   ns3::Ipv4Address destination,
                   ns3::TcpHeader header);

/**
 * Decodes \p pcap with tshark (checksum validation on) and records a test failure for any
 * malformed packet or any IPv4/TCP checksum that is not GOOD.
 */
std::vector<DecodedPacket> DecodeClean(const std::string& pcap);

/** The first \p count TCP flags of a capture as "S,SA,A,..." for readable expectations. */
std::string FlagSequence(const std::vector<DecodedPacket>& packets, size_t count);

} // namespace handshake::test

#endif // HANDSHAKE_TEST_TCP_TWO_NODES_H
