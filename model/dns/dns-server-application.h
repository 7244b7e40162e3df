/*
 * An authoritative DNS server as an ns-3 Application on a UDP socket (port 53): it answers A
 * queries of class IN for the names it holds (AddRecord) with their addresses and a TTL, NXDOMAIN
 * for a name it does not hold (RFC 1035 4.1.1), an empty NOERROR answer for another type of a name
 * it holds (RFC 2308 2.2, "NODATA"), NOTIMP for an opcode other than a standard query. A datagram
 * that is not a DNS query (DnsWire cannot parse it, or it is a response) is dropped, counted and
 * logged, never answered. Messages are built and parsed with ldns (DnsWire), so tshark's dns
 * dissector decodes every query and answer. See doc/dns.rst.
 */
#ifndef HANDSHAKE_DNS_SERVER_APPLICATION_H
#define HANDSHAKE_DNS_SERVER_APPLICATION_H

#include "ns3/dns-message.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>

namespace ns3
{

class DnsServerApplication : public Application
{
  public:
    static TypeId GetTypeId();
    DnsServerApplication();
    ~DnsServerApplication() override;

    /** Answers A queries for \p name (any case, with or without the trailing dot) with \p address.
     *  Aborts on a name that is not a domain name: a programming error of the caller. */
    void AddRecord(const std::string& name, Ipv4Address address);

    /** Queries answered (any RCODE). */
    uint64_t GetAnswered() const;
    /** Answers with RCODE NXDOMAIN. */
    uint64_t GetNxDomain() const;
    /** Datagrams dropped because they were not a DNS query. */
    uint64_t GetMalformed() const;

    /** Signature of the Query trace: the name asked for, its type, and the RCODE answered. */
    typedef void (*QueryTracedCallback)(const std::string& name, uint16_t type, uint8_t rcode);
    /** Signature of the Drop trace: a datagram dropped and why. */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

  private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    void HandleRead(Ptr<Socket> socket);
    /** The answer to \p query (a standard query or not). */
    DnsMessage Answer(const DnsMessage& query) const;

    uint16_t m_port{53};
    uint32_t m_ttl{300};
    Ptr<Socket> m_socket;
    std::map<std::string, uint32_t> m_records; //!< canonical name -> IPv4 address (host order)
    uint64_t m_answered{0};
    uint64_t m_nxDomain{0};
    uint64_t m_malformed{0};
    TracedCallback<const std::string&, uint16_t, uint8_t> m_queryTrace;
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;
};

} // namespace ns3

#endif // HANDSHAKE_DNS_SERVER_APPLICATION_H
