// DnsServerApplication and DnsStubResolver on two nodes: a lookup is one query and one answer that
// tshark's dns dissector decodes (names, IDs, addresses, checksums good); a second lookup within
// the TTL sends nothing; a lost query is sent again after the Timeout; NXDOMAIN and a dead server
// fail the lookup, after one round trip and after Timeout x Attempts; datagrams that are not a
// query are dropped and counted, never answered.
#include "tcp-two-nodes.h"

#include "ns3/error-model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <list>
#include <memory>
#include <string>
#include <vector>

using namespace ns3;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

/** A DNS server on the server node (unless \p serverUp is false) and a resolver on the client. */
struct DnsPair
{
    std::unique_ptr<TwoNodes> nodes;
    Ptr<DnsServerApplication> server;
    Ptr<DnsStubResolver> resolver;
    std::vector<DnsStubResolver::Result> results;

    DnsPair(const std::string& name, bool serverUp = true)
    {
        TwoNodesOptions options;
        options.name = name;
        nodes = std::make_unique<TwoNodes>(options);
        Ipv4Address serverAddress = InetSocketAddress::ConvertFrom(nodes->ServerAddress()).GetIpv4();
        if (serverUp)
        {
            server = CreateObject<DnsServerApplication>();
            server->AddRecord("server0.example", Ipv4Address("192.168.0.1"));
            server->SetAttribute("Ttl", UintegerValue(30));
            nodes->Server()->AddApplication(server);
            server->SetStartTime(Seconds(0));
        }
        resolver = CreateObjectWithAttributes<DnsStubResolver>("Server", Ipv4AddressValue(serverAddress));
        resolver->SetNode(nodes->Client());
        resolver->AssignStreams(7);
    }

    void ResolveAt(Time at, const std::string& name)
    {
        Simulator::Schedule(at, [this, name] {
            resolver->Resolve(name, [this](const DnsStubResolver::Result& r) { results.push_back(r); });
        });
    }
};

/** tshark's decode of \p pcap's DNS packets: "response id name address rcode udp-checksum" per line. */
std::vector<std::string>
DnsLines(const std::string& pcap)
{
    std::string command = "tshark -r '" + pcap +
                          "' -o udp.check_checksum:TRUE -o ip.check_checksum:TRUE -Y dns -T fields "
                          "-e dns.flags.response -e dns.id -e dns.qry.name -e dns.a -e dns.flags.rcode "
                          "-e udp.checksum.status -e ip.checksum.status -E separator=' ' 2>/dev/null";
    std::vector<std::string> lines;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[512];
    while (pipe && fgets(buffer, sizeof(buffer), pipe))
    {
        std::string line(buffer);
        lines.push_back(line.substr(0, line.find_last_not_of('\n') + 1));
    }
    if (pipe)
    {
        pclose(pipe);
    }
    return lines;
}

} // namespace

TEST(Dns, ALookupIsOneQueryAndOneAnswerAsTsharkDecodesThem)
{
    DnsPair dns("dns-lookup");
    dns.ResolveAt(Seconds(1), "Server0.Example");
    dns.nodes->Run(Seconds(20));
    ASSERT_EQ(dns.results.size(), 1u);
    const DnsStubResolver::Result& r = dns.results[0];
    EXPECT_TRUE(r.ok) << r.failure;
    EXPECT_EQ(r.address, Ipv4Address("192.168.0.1"));
    EXPECT_FALSE(r.fromCache);
    EXPECT_EQ(r.start, Seconds(1));
    EXPECT_GT(r.end - r.start, MilliSeconds(20)) << "a round trip of the 10 ms link";
    EXPECT_LT(r.end - r.start, MilliSeconds(21));
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 1u);
    EXPECT_EQ(dns.server->GetAnswered(), 1u);

    std::vector<std::string> lines = DnsLines(dns.nodes->ClientPcap());
    ASSERT_EQ(lines.size(), 2u);
    std::string id = lines[0].substr(2, lines[0].find(' ', 2) - 2);
    // Checksum status 1 = good (tshark's; ChecksumStatus::GOOD); rcode 0 = No error.
    EXPECT_EQ(lines[0], "0 " + id + " server0.example   1 1") << "the query (no rcode in a query)";
    EXPECT_EQ(lines[1], "1 " + id + " server0.example 192.168.0.1 0 1 1") << "the answer, same ID";
}

TEST(Dns, ASecondLookupWithinTheTtlSendsNothing)
{
    DnsPair dns("dns-cache");
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.ResolveAt(Seconds(20), "server0.example"); // TTL 30 s: cached
    dns.ResolveAt(Seconds(40), "server0.example"); // expired: asked again
    dns.nodes->Run(Seconds(60));
    ASSERT_EQ(dns.results.size(), 3u);
    EXPECT_FALSE(dns.results[0].fromCache);
    EXPECT_TRUE(dns.results[1].fromCache);
    EXPECT_TRUE(dns.results[1].ok);
    EXPECT_EQ(dns.results[1].start, dns.results[1].end) << "no time";
    EXPECT_FALSE(dns.results[2].fromCache);
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 2u);
    EXPECT_EQ(dns.resolver->GetCacheHits(), 1u);
    EXPECT_EQ(DnsLines(dns.nodes->ClientPcap()).size(), 4u) << "two queries and two answers";
}

TEST(Dns, LookupsOfANameInFlightShareItsQuery)
{
    DnsPair dns("dns-shared");
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.ResolveAt(Seconds(1.005), "server0.example");
    dns.nodes->Run(Seconds(20));
    ASSERT_EQ(dns.results.size(), 2u);
    EXPECT_TRUE(dns.results[1].ok);
    EXPECT_FALSE(dns.results[1].fromCache);
    EXPECT_EQ(dns.results[1].end, dns.results[0].end);
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 1u);
}

TEST(Dns, ALostQueryIsSentAgainAfterTheTimeout)
{
    DnsPair dns("dns-retry");
    Ptr<ReceiveListErrorModel> loseFirst = CreateObject<ReceiveListErrorModel>();
    loseFirst->SetList({0}); // the server's first datagram: the query
    dns.nodes->Server()->GetDevice(1)->SetAttribute("ReceiveErrorModel", PointerValue(loseFirst));
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.nodes->Run(Seconds(30));
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_TRUE(dns.results[0].ok);
    EXPECT_GT(dns.results[0].end, Seconds(6)) << "5 s for the first attempt, then a round trip";
    EXPECT_LT(dns.results[0].end, Seconds(6.021));
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 2u);
    std::vector<std::string> lines = DnsLines(dns.nodes->ClientPcap());
    ASSERT_EQ(lines.size(), 3u) << "query, the same query again, answer";
    EXPECT_EQ(lines[0], lines[1]) << "glibc sends the same query, same ID";
}

TEST(Dns, NxDomainFailsAfterOneRoundTrip)
{
    DnsPair dns("dns-nxdomain");
    dns.ResolveAt(Seconds(1), "nowhere.example");
    dns.nodes->Run(Seconds(20));
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_FALSE(dns.results[0].ok);
    EXPECT_EQ(dns.results[0].failure, "nxdomain");
    EXPECT_LT(dns.results[0].end, Seconds(1.021));
    EXPECT_EQ(dns.server->GetNxDomain(), 1u);
    std::vector<std::string> lines = DnsLines(dns.nodes->ClientPcap());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].substr(0, 2), "1 ");
    EXPECT_NE(lines[1].find(" nowhere.example  3 1 1"), std::string::npos) << lines[1] << ": rcode 3";
}

TEST(Dns, ADeadServerFailsTheLookupAfterTimeoutTimesAttempts)
{
    DnsPair dns("dns-dead", false);
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.nodes->Run(Seconds(30));
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_FALSE(dns.results[0].ok);
    EXPECT_EQ(dns.results[0].failure, "timeout");
    EXPECT_EQ(dns.results[0].end, Seconds(11)) << "glibc's 5 s x 2 attempts";
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 2u);
}

TEST(Dns, WhatIsNotAQueryIsDroppedAndCountedNeverAnswered)
{
    DnsPair dns("dns-malformed");
    Ptr<Socket> attacker = Socket::CreateSocket(dns.nodes->Client(), UdpSocketFactory::GetTypeId());
    std::vector<std::string> reasons;
    dns.server->TraceConnectWithoutContext(
        "Drop", MakeCallback(+[](std::vector<std::string>* r, Ptr<const Packet>, const std::string& why) {
                                 r->push_back(why);
                             }).Bind(&reasons));
    Simulator::Schedule(Seconds(1), [&] {
        attacker->Bind();
        InetSocketAddress to(InetSocketAddress::ConvertFrom(dns.nodes->ServerAddress()).GetIpv4(), 53);
        const uint8_t junk[] = {0xde, 0xad, 0xbe};
        attacker->SendTo(Create<Packet>(junk, sizeof(junk)), 0, to);
        // A well-formed answer sent to the server: a response, not a query.
        DnsMessage answer = DnsMessage::Query(5, "server0.example");
        answer.response = true;
        std::vector<uint8_t> wire = DnsWire::Encode(answer);
        attacker->SendTo(Create<Packet>(wire.data(), wire.size()), 0, to);
    });
    dns.ResolveAt(Seconds(2), "server0.example"); // still answers queries
    dns.nodes->Run(Seconds(20));
    EXPECT_EQ(dns.server->GetMalformed(), 2u);
    ASSERT_EQ(reasons.size(), 2u);
    EXPECT_NE(reasons[0].find("not a DNS message"), std::string::npos) << reasons[0];
    EXPECT_EQ(reasons[1], "a response, not a query");
    EXPECT_EQ(dns.server->GetAnswered(), 1u);
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_TRUE(dns.results[0].ok);
}
